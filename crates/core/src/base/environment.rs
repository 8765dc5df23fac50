//! Where the app runs, from what the browser reports: a real browser, the app installed on the
//! home screen, a tab of a browser on an iPhone or iPad, or an app's own browser (Zalo, Facebook,
//! Messenger, …), and the risks that follow for the member's files and drafts.
//!
//! Members open the app from a link in a Zalo group, so many land in Zalo's own browser, where a
//! download may never reach them, there is no share sheet and the storage belongs to Zalo. On an
//! iPhone, WebKit deletes a site's storage after 7 days of use without a visit, in Safari and in
//! every other browser there (they all use WebKit); an app added to the home screen is exempt, but
//! it does not see what was typed in the tab. The tokens each app puts in its user agent are
//! table-tested on real strings in `tests/user_agents.tsv`, each with where it was recorded.

use crate::base::messages::{t, Msg};

/// What the browser reports, read by the shell.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reported<'a> {
    /// `navigator.userAgent`.
    pub user_agent: &'a str,
    /// `display-mode: standalone` matches, or `navigator.standalone` (iOS) is true.
    pub standalone: bool,
    /// `navigator.share` and `navigator.canShare` both exist.
    pub can_share: bool,
    /// `navigator.storage.persisted()` answered true.
    pub persisted: bool,
}

/// The system the browser runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Android,
    /// iPhone or iPad (an iPad that reports itself as a Mac is taken as a desktop).
    Ios,
    Desktop,
}

/// An app whose own browser shows the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {
    Zalo,
    Facebook,
    Messenger,
    Instagram,
    TikTok,
    /// Another app's browser: an Android WebView (`; wv)`), an iOS view without Safari's token,
    /// LINE, WeChat, Telegram, KakaoTalk.
    Other,
}

impl App {
    /// The app's name as the member knows it.
    pub fn name(self) -> &'static str {
        match self {
            App::Zalo => "Zalo",
            App::Facebook => "Facebook",
            App::Messenger => "Messenger",
            App::Instagram => "Instagram",
            App::TikTok => "TikTok",
            App::Other => t(Msg::AppOther),
        }
    }
}

/// Where the app runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A real browser's tab (Chrome, Samsung Internet, Firefox, Cốc Cốc, Edge on Android or a
    /// desktop).
    Browser,
    /// Added to the home screen and opened from there.
    Installed,
    /// A tab of Safari (or of another browser) on an iPhone or iPad: its storage is deleted after
    /// 7 days of use without a visit.
    IosTab,
    /// An app's own browser.
    InApp(App),
}

/// What may go wrong for the member's files and drafts where the app runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Risks {
    /// A file offered for download may never reach the member.
    pub downloads_unreliable: bool,
    /// There is no share sheet to send a file with.
    pub no_share_sheet: bool,
    /// What is stored may be deleted without the member asking: with the app that owns this
    /// browser, after 7 days without a visit (iOS), or by the browser when space runs short.
    pub storage_not_kept: bool,
}

/// Where the app runs and what follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Environment {
    pub platform: Platform,
    pub kind: Kind,
    pub risks: Risks,
}

/// Days of unexported changes before the export reminder, in an iOS tab and elsewhere.
pub const REMINDER_DAYS_IOS_TAB: i64 = 3;
pub const REMINDER_DAYS: i64 = 14;

impl Environment {
    /// The environment the browser's report describes.
    pub fn of(reported: &Reported) -> Self {
        let ua = reported.user_agent;
        let platform = platform(ua);
        let kind = match in_app(ua, platform) {
            Some(app) => Kind::InApp(app),
            None if reported.standalone => Kind::Installed,
            None if platform == Platform::Ios => Kind::IosTab,
            None => Kind::Browser,
        };
        let in_app = matches!(kind, Kind::InApp(_));
        let risks = Risks {
            // An installed app on iOS cannot download through a link either: it shares instead.
            downloads_unreliable: in_app || (kind == Kind::Installed && platform == Platform::Ios),
            no_share_sheet: in_app || !reported.can_share,
            storage_not_kept: in_app || kind == Kind::IosTab || !reported.persisted,
        };
        Environment {
            platform,
            kind,
            risks,
        }
    }

    /// The app whose own browser this is, if it is one: the member is told before typing and
    /// may open a real browser.
    pub fn in_app(&self) -> Option<App> {
        match self.kind {
            Kind::InApp(app) => Some(app),
            _ => None,
        }
    }

    /// The real browser to open the app in: Chrome on Android, Safari on iOS.
    pub fn real_browser(&self) -> &'static str {
        match self.platform {
            Platform::Android => "Chrome",
            Platform::Ios => "Safari",
            Platform::Desktop => t(Msg::BrowserOther),
        }
    }

    /// After how many days of unexported changes the member is reminded to export: 3 in an iOS
    /// tab, whose storage lasts 7 days without a visit, so the reminder comes at least once before
    /// it goes; 14 elsewhere.
    pub fn reminder_days(&self) -> i64 {
        if self.kind == Kind::IosTab {
            REMINDER_DAYS_IOS_TAB
        } else {
            REMINDER_DAYS
        }
    }

    /// How a file the member asked for leaves the app here: `share` when they asked to send it
    /// ("Gửi"), `text` when its content is text (an export, a CSV) rather than a Word file.
    ///
    /// - Where downloads may vanish and there is no share sheet (an app's browser), a text file's
    ///   content is copied for the member to paste; a Word file cannot leave.
    /// - "Gửi" opens the share sheet where there is one.
    /// - Where downloads may vanish but a sheet exists (installed on iOS), every file is shared.
    /// - Otherwise the browser is asked to download it.
    pub fn hand_over(&self, share: bool, text: bool) -> HandOver {
        let Risks {
            downloads_unreliable,
            no_share_sheet,
            ..
        } = self.risks;
        match (downloads_unreliable, no_share_sheet) {
            (true, true) if text => HandOver::Copy,
            (true, true) => HandOver::Cannot,
            (true, false) => HandOver::Share,
            (false, false) if share => HandOver::Share,
            (false, _) => HandOver::Download,
        }
    }

    /// Whether installing the app helps and the browser may offer it (`beforeinstallprompt`):
    /// a real browser's tab on Android, whose data the browser then keeps.
    pub fn may_offer_install(&self) -> bool {
        self.kind == Kind::Browser && self.platform == Platform::Android
    }
}

/// How a file leaves the app ([`Environment::hand_over`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandOver {
    /// The system share sheet (downloaded instead if the browser refuses this file).
    Share,
    /// The browser is asked to download it: asked, not known to have happened.
    Download,
    /// Its text is put on the clipboard, for the member to paste into a message.
    Copy,
    /// It cannot leave from here: the member must open the app in a real browser.
    Cannot,
}

/// The link that opens `address` in Chrome from an Android app's browser (an intent URI:
/// `intent://host/path#Intent;scheme=…;package=com.android.chrome;end`); the page's own `#…`
/// route is left out, since the intent's fragment is its own.
pub fn chrome_intent(address: &str) -> String {
    let (scheme, rest) = address.split_once("://").unwrap_or(("https", address));
    let rest = rest.split('#').next().unwrap_or_default();
    format!("intent://{rest}#Intent;scheme={scheme};package=com.android.chrome;end")
}

fn platform(ua: &str) -> Platform {
    if ua.contains("Android") {
        Platform::Android
    } else if ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod") {
        Platform::Ios
    } else {
        Platform::Desktop
    }
}

/// The app whose own browser `ua` is, if any.
fn in_app(ua: &str, platform: Platform) -> Option<App> {
    let has = |tokens: &[&str]| tokens.iter().any(|t| ua.contains(t));
    // Messenger before Facebook: both carry FBAN/FB_IAB.
    let app = if has(&["Zalo"]) {
        App::Zalo
    } else if has(&[
        "FBAN/Messenger",
        "FB_IAB/Orca",
        "FBAN/Orca",
        "MessengerForiOS",
    ]) {
        App::Messenger
    } else if has(&["FBAN/", "FBAV/", "FB_IAB/", "FBIOS"]) {
        App::Facebook
    } else if has(&["Instagram"]) {
        App::Instagram
    } else if has(&["musical_ly", "BytedanceWebview", "TikTok", "trill_"]) {
        App::TikTok
    } else if has(&[
        "; wv)",
        " Line/",
        "MicroMessenger",
        "Telegram-Android",
        "KAKAOTALK",
    ]) {
        App::Other
    } else if platform == Platform::Ios && !ua.contains("Safari/") {
        // Safari and the other iOS browsers (CriOS, FxiOS, EdgiOS) say "Safari/"; an app's web
        // view does not.
        App::Other
    } else {
        return None;
    };
    Some(app)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(ua: &str) -> Environment {
        Environment::of(&Reported {
            user_agent: ua,
            standalone: false,
            can_share: true,
            persisted: true,
        })
    }

    /// `tests/user_agents.tsv`: each line a real user agent, what it is, and where it was
    /// recorded.
    const FIXTURE: &str = include_str!("../../tests/user_agents.tsv");

    fn expected(kind: &str) -> (Kind, Platform) {
        let (kind, platform) = kind.split_once('/').expect("kind/platform");
        let kind = match kind {
            "browser" => Kind::Browser,
            "ios-tab" => Kind::IosTab,
            "zalo" => Kind::InApp(App::Zalo),
            "facebook" => Kind::InApp(App::Facebook),
            "messenger" => Kind::InApp(App::Messenger),
            "instagram" => Kind::InApp(App::Instagram),
            "tiktok" => Kind::InApp(App::TikTok),
            "in-app" => Kind::InApp(App::Other),
            other => panic!("unknown kind {other}"),
        };
        let platform = match platform {
            "android" => Platform::Android,
            "ios" => Platform::Ios,
            "desktop" => Platform::Desktop,
            other => panic!("unknown platform {other}"),
        };
        (kind, platform)
    }

    #[test]
    fn every_recorded_user_agent_is_told_apart_as_its_fixture_says() {
        let mut rows = 0;
        let mut kinds = std::collections::HashSet::new();
        for line in FIXTURE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let mut cols = line.split('\t');
            let (what, ua, source) = (
                cols.next().expect("kind"),
                cols.next().expect("user agent"),
                cols.next().expect("source"),
            );
            assert!(!source.trim().is_empty(), "{ua}: no source");
            let (kind, platform) = expected(what);
            let e = env(ua);
            assert_eq!((e.kind, e.platform), (kind, platform), "{ua}");
            kinds.insert(what);
            rows += 1;
        }
        // Each kind the issue names is recorded at least once.
        for kind in [
            "browser/android",
            "browser/desktop",
            "ios-tab/ios",
            "zalo/android",
            "zalo/ios",
            "facebook/android",
            "facebook/ios",
            "messenger/android",
            "messenger/ios",
            "instagram/ios",
            "tiktok/android",
            "tiktok/ios",
            "in-app/android",
            "in-app/ios",
        ] {
            assert!(kinds.contains(kind), "no recorded {kind}");
        }
        assert!(rows >= 25, "{rows} rows");
    }

    #[test]
    fn an_app_s_browser_loses_files_and_drafts_and_has_no_share_sheet_whatever_it_reports() {
        let zalo = "Mozilla/5.0 (Linux; Android 13; SM-A536E Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 Zalo android/12100621 ZaloTheme/light ZaloLanguage/vi";
        // Even standalone and persisted, a webview of Zalo's is Zalo's.
        let e = Environment::of(&Reported {
            user_agent: zalo,
            standalone: true,
            can_share: true,
            persisted: true,
        });
        assert_eq!(e.kind, Kind::InApp(App::Zalo));
        assert_eq!(e.in_app(), Some(App::Zalo));
        assert_eq!(e.real_browser(), "Chrome");
        assert_eq!(
            e.risks,
            Risks {
                downloads_unreliable: true,
                no_share_sheet: true,
                storage_not_kept: true
            }
        );
        assert_eq!(e.hand_over(true, true), HandOver::Copy);
        assert_eq!(e.hand_over(false, true), HandOver::Copy);
        assert_eq!(e.hand_over(false, false), HandOver::Cannot, "a Word file");
        assert!(!e.may_offer_install());
        assert_eq!(e.reminder_days(), 14);
    }

    #[test]
    fn an_iphone_tab_is_reminded_after_three_days_and_the_installed_app_after_fourteen() {
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1";
        let tab = env(safari);
        assert_eq!((tab.kind, tab.platform), (Kind::IosTab, Platform::Ios));
        assert!(tab.risks.storage_not_kept, "7 days without a visit");
        assert!(!tab.risks.downloads_unreliable);
        assert_eq!(tab.reminder_days(), 3);
        assert!(!tab.may_offer_install(), "Safari has no install prompt");

        let installed = Environment::of(&Reported {
            user_agent: safari,
            standalone: true,
            can_share: true,
            persisted: false,
        });
        assert_eq!(installed.kind, Kind::Installed);
        assert_eq!(installed.reminder_days(), 14);
        // Installed on iOS: no download through a link, so every file goes to the share sheet.
        assert_eq!(installed.hand_over(false, false), HandOver::Share);
        assert_eq!(installed.hand_over(false, true), HandOver::Share);
        // In the tab, "Gửi" shares and the rest downloads.
        assert_eq!(tab.hand_over(true, true), HandOver::Share);
        assert_eq!(tab.hand_over(false, false), HandOver::Download);
    }

    #[test]
    fn a_real_browser_keeps_its_share_sheet_and_downloads_and_warns_only_of_storage_not_persisted()
    {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        let e = Environment::of(&Reported {
            user_agent: firefox,
            standalone: false,
            can_share: false,
            persisted: false,
        });
        assert_eq!(e.kind, Kind::Browser);
        assert_eq!(
            e.risks,
            Risks {
                downloads_unreliable: false,
                no_share_sheet: true,
                storage_not_kept: true
            }
        );
        // No share sheet: even "Gửi" downloads.
        assert_eq!(e.hand_over(true, true), HandOver::Download);
        assert_eq!(e.hand_over(false, false), HandOver::Download);
        let chrome = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
        assert!(env(chrome).may_offer_install());
        assert_eq!(env(chrome).risks, Risks::default());
        assert_eq!(env(chrome).hand_over(true, true), HandOver::Share);
    }

    #[test]
    fn chrome_s_intent_link_carries_the_page_s_address_without_its_route() {
        assert_eq!(
            chrome_intent("https://dangbo.vn/apps/tusoi/#/doc/abc"),
            "intent://dangbo.vn/apps/tusoi/#Intent;scheme=https;package=com.android.chrome;end"
        );
        // An intranet host on plain HTTP keeps its scheme and port.
        assert_eq!(
            chrome_intent("http://10.1.2.3:8080/tusoi/"),
            "intent://10.1.2.3:8080/tusoi/#Intent;scheme=http;package=com.android.chrome;end"
        );
    }
}
