//! The one catalogue of user-visible text. Every string the app shows comes from here, keyed by
//! [`Msg`], so that the wording is reviewed in one place and a test can check every key.
//!
//! Vietnamese is the only UI language for now. Texts with `{name}` placeholders are filled by
//! [`fill`]; the placeholders each key takes are listed in its text.

/// A catalogue: an enum of keys, `ALL`, and the function that gives each key's Vietnamese text.
/// The chi bộ's workspace has a catalogue of its own (`chibo::messages`), so its texts are not in
/// the member's bundle.
macro_rules! catalogue {
    ($name:ident, $text:ident; $($key:ident => $vi:expr,)+) => {
        /// A key of the message catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($key,)+ }

        impl $name {
            /// Every key, for tests that check the whole catalogue.
            pub const ALL: &'static [$name] = &[$($name::$key,)+];
        }

        /// The Vietnamese text of a key.
        pub fn $text(key: $name) -> &'static str {
            match key { $($name::$key => $vi,)+ }
        }
    };
}
pub(crate) use catalogue;

catalogue! {
    Msg, t;
    AppName => "Tự soi",
    Loading => "Đang mở ứng dụng…",
    Starting => "Đang khởi động ứng dụng, chờ một chút…",
    StartFailed => "Không khởi động được ứng dụng: trình duyệt không tải hoặc không chạy được phần WebAssembly. Các bản nháp đã lưu vẫn còn trên máy. Hãy tải lại trang khi có mạng, hoặc dùng trình duyệt mới hơn (Chrome, Firefox, Safari, Cốc Cốc bản gần đây).",
    NoScript => "Tự soi cần JavaScript và WebAssembly. Hãy bật JavaScript hoặc dùng trình duyệt mới hơn.",

    // Home page.
    HomeTitle => "Bản nháp của tôi",
    HomeEmpty => "Chưa có bản nháp nào. Bấm “Tạo bản kiểm điểm” để bắt đầu.",
    HomePrivacy => "Mọi bản nháp chỉ lưu trên thiết bị này. Ứng dụng không gửi dữ liệu đi đâu; muốn nộp hoặc sao lưu, hãy dùng “Xuất JSON”.",
    ActionCreate => "Tạo bản kiểm điểm",
    ActionCreateOther => "Tạo văn bản theo mẫu đã chọn",
    ActionRename => "Đổi tên",
    ActionDuplicate => "Nhân bản",
    ActionDelete => "Xoá",
    ActionExport => "Xuất JSON",
    ActionWord => "Tải file Word",
    SentDownloaded => "Trình duyệt này không mở được khung chia sẻ tệp, nên đã yêu cầu tải tệp “{name}” xuống máy. Nếu tệp có trong mục Tải xuống, hãy gửi tệp đó cho chi bộ qua Zalo hoặc thư điện tử.",
    DownloadRequested => "Đã yêu cầu tải tệp “{name}” xuống máy. Nếu không thấy tệp trong mục Tải xuống, hãy bấm lại.",
    CopyTitle => "Sao chép nội dung tệp",
    CopyBody => "Trình duyệt này có thể không tải được tệp “{name}”. Hãy chép nội dung tệp rồi dán vào tin nhắn Zalo gửi chi bộ, hoặc vào Ghi chú để giữ. Bí thư dán nội dung đó vào “Dán nội dung tệp” ở trang Tổng hợp, như một tệp.",
    CopyDone => "Đã chép nội dung tệp ({count} ký tự). Mở Zalo, giữ ngón tay vào ô soạn tin → Dán → Gửi.",
    CopyFailed => "Chưa chép được. Bấm “Sao chép nội dung tệp”, hoặc giữ ngón tay vào ô dưới đây → Chọn tất cả → Sao chép.",
    CannotLeave => "Trình duyệt này không tải được tệp “{name}”. Hãy mở Tự soi bằng {browser} để tải tệp này.",
    InAppTitle => "Trình duyệt này có thể làm mất tệp và bản nháp",
    InAppBody => "Bạn đang mở Tự soi trong trình duyệt riêng của {app}. Ở đây, tệp tải xuống có thể không đến được máy, không gửi được tệp, và bản nháp có thể bị xoá cùng dữ liệu của {app}. Hãy mở địa chỉ này bằng {browser} trước khi soạn.",
    InAppStepsAndroid => "Cách mở: bấm “Mở bằng Chrome”. Nếu không được, bấm ⋮ ở góc trên → “Mở bằng trình duyệt”; hoặc bấm “Chép địa chỉ”, mở Chrome, chạm vào thanh địa chỉ, dán rồi mở.",
    InAppStepsIos => "Cách mở: bấm ⋯ ở góc màn hình → “Mở bằng trình duyệt” (Safari); hoặc bấm “Chép địa chỉ”, mở Safari, chạm vào thanh địa chỉ, dán rồi mở.",
    InAppOpenChrome => "Mở bằng Chrome",
    CopyAddress => "Chép địa chỉ",
    AddressCopied => "Đã chép địa chỉ. Mở {browser}, chạm vào thanh địa chỉ, dán rồi mở.",
    AddressNotCopied => "Không chép được: hãy chép tay địa chỉ ở trên.",
    InAppContinue => "Vẫn tiếp tục ở đây",
    InAppLine => "Đang mở trong trình duyệt của {app}: tệp tải xuống có thể bị mất, bản nháp có thể bị xoá. Nên mở bằng {browser}.",
    InAppHow => "Cách mở",
    AppOther => "một ứng dụng",
    BrowserOther => "trình duyệt của máy",
    IosTabTitle => "Trên iPhone, hãy cài Tự soi trước khi soạn",
    IosTabBody => "Safari tự xoá dữ liệu của trang, cả bản nháp, sau 7 ngày không mở trang. Bản nháp soạn ở tab này cũng không sang được Tự soi cài trên màn hình chính. Cài trước thì bản nháp được giữ.",
    IosTabSteps => "Cách cài: bấm Chia sẻ (ô vuông có mũi tên lên) → “Thêm vào MH chính” → “Thêm”, rồi mở Tự soi từ biểu tượng trên màn hình chính.",
    IosTabContinue => "Vẫn soạn trong Safari",
    IosTabReminder => "Ở tab Safari, ứng dụng nhắc xuất tệp sau 3 ngày có thay đổi chưa xuất.",
    InstallOffer => "Cài Tự soi vào máy: trình duyệt sẽ giữ bản nháp lâu dài và mở được khi không có mạng.",
    InstallAction => "Cài vào máy",
    InstallLater => "Để sau",
    ExportedOn => "Xuất lần cuối: {date}",
    NeverExported => "Chưa xuất lần nào",
    ActionExportAll => "Xuất tất cả",
    ActionImport => "Nhập",
    WorkspaceLink => "Tổng hợp của chi bộ (dành cho bí thư, cấp ủy)",
    ActionCancel => "Huỷ",
    ActionSave => "Lưu",
    ActionReplace => "Thay thế bản đang có",
    ActionKeepBoth => "Giữ cả hai",
    ConfirmDelete => "Chuyển “{title}” vào thùng rác? Có thể khôi phục trong 30 ngày.",
    MovedToTrash => "Đã chuyển “{title}” vào thùng rác. Có thể khôi phục trong 30 ngày.",
    TrashTitle => "Thùng rác",
    TrashLink => "Thùng rác ({count})",
    TrashEmpty => "Thùng rác trống.",
    TrashNote => "Bản nháp trong thùng rác được xoá hẳn sau 30 ngày kể từ khi chuyển vào.",
    TrashDaysLeft => "còn {days} ngày",
    ActionRestore => "Khôi phục",
    ActionDeleteForever => "Xoá hẳn",
    ConfirmDeleteForever => "Xoá hẳn “{title}”? Việc này không hoàn tác được. Nếu chưa chắc, hãy khôi phục rồi “Xuất JSON” trước.",
    Restored => "Đã khôi phục “{title}”.",
    ReminderExport => "{count} bản nháp có thay đổi chưa xuất ra tệp đã hơn {days} ngày. Trình duyệt có thể tự xoá dữ liệu (khi dọn bộ nhớ, sau cập nhật, hay khi lâu không mở trang): hãy giữ một bản sao.",
    CopySuffix => "(bản sao)",
    DefaultTitle => "Bản kiểm điểm năm {year}",
    DefaultPledgeTitle => "Bản cam kết năm {year}",

    // The pledge.
    DeadlineQuarter => "quý {quarter}/{year}",
    AssessmentExceeded => "vượt",
    AssessmentMet => "đạt",
    AssessmentNotMet => "chưa đạt",
    AssessmentNone => "chưa tự đánh giá",
    LineTarget => "chỉ tiêu: {target}",
    LineDeadline => "hạn: {deadline}",
    PledgeResultsIntro => "Thực hiện “{title}”:",
    PrintTarget => "Chỉ tiêu",
    PrintDeadline => "Thời hạn",
    PrintEvidence => "Minh chứng",
    PrintAssessment => "Tự đánh giá",

    // Carry-over and links.
    CarryFixed => "đã khắc phục",
    CarryInProgress => "đang khắc phục",
    CarryNotFixed => "chưa khắc phục",
    CarryNone => "chưa ghi trạng thái",
    LinkPreviousReview => "Bản kiểm điểm năm trước",
    LinkPledge => "Bản cam kết của năm",
    LinkSourceReview => "Bản kiểm điểm làm căn cứ",
    ActionCreatePledgeYear => "Tạo bản cam kết năm {year}",
    ActionReviewFromYear => "Tạo bản kiểm điểm năm {year} từ “{title}”",
    KindPledge => "Bản cam kết",
    OwnFormsGroup => "Mẫu riêng của đảng bộ",
    OwnFormsHint => "Mẫu riêng của đảng bộ: nhập tệp mẫu, hoặc tạo văn bản theo mẫu đã nhập, ở trang Cài đặt.",
    CreatedFromPrevious => "Đã tạo “{title}” với {count} hạn chế, biện pháp của năm trước ở mục III.",
    CreatedPledge => "Đã tạo “{title}” với {count} cam kết khắc phục từ mục VI.",

    // The self-check.
    RefVerified => "Nguyên văn",
    RefPartial => "Trích một phần nguyên văn (chưa tìm được toàn văn)",
    RefLabel => "Nhãn tóm tắt, không phải nguyên văn",
    RefUnknown => "Chưa đối chiếu được nội dung điều này: xem văn bản chi bộ phổ biến",

    // The linter.
    ListForm => "Mẫu",
    ListYear => "Năm",
    ListSaved => "Lưu lúc",
    CreateYearLabel => "Năm kiểm điểm",
    DraftNotFound => "Không tìm thấy bản nháp này. Có thể nó đã bị xoá ở một thẻ khác.",

    // Settings page and app updates.
    SettingsLink => "Cài đặt",
    UpdateReady => "Có phiên bản mới của ứng dụng.",
    UpdateReload => "Tải lại",

    // Storage status and errors.
    SavedAt => "Đã lưu lúc {time}",
    MemoryOnlyBanner => "Trình duyệt không cho lưu dữ liệu (có thể đang ở chế độ riêng tư hoặc đã tắt lưu trữ). Ứng dụng vẫn dùng được nhưng KHÔNG GIỮ LẠI gì khi đóng trang: hãy bấm “Xuất tất cả” để giữ bản nháp.",
    SavedInMemoryAt => "Chỉ giữ trong bộ nhớ lúc {time}: hãy xuất JSON trước khi đóng trang",
    ConflictOtherTab => "Tài liệu đã được sửa ở một thẻ khác. Chọn tải bản mới hơn, hoặc giữ bản bạn đang sửa thành một bản sao; không bản nào bị ghi đè.",
    UpdatedFromOtherTab => "Đã cập nhật theo thay đổi ở thẻ khác lúc {time}",
    ErrorMismatch => "Đã ghi nhưng đọc lại không khớp: bộ nhớ của trình duyệt có thể đang lỗi. Bản đang soạn vẫn còn trên màn hình; hãy “Xuất JSON” ngay để giữ một bản sao.",
    ErrorDatabaseTooNew => "Dữ liệu trên máy này được tạo bởi phiên bản Tự soi mới hơn bản đang chạy. Để không làm hỏng dữ liệu, ứng dụng không đụng tới nó: hãy tải lại trang khi có mạng để cập nhật. Những gì soạn bây giờ chỉ giữ trong bộ nhớ tạm.",
    DbBlocked => "Tự soi đang mở ở một thẻ hoặc cửa sổ khác bằng phiên bản cũ, nên chưa nâng cấp được dữ liệu. Hãy đóng các thẻ Tự soi khác; ứng dụng sẽ tự mở tiếp.",
    DbReplaced => "Một thẻ khác vừa nâng cấp Tự soi. Hãy tải lại trang này để tiếp tục; những gì đã lưu vẫn còn.",
    MemoryExportedAt => "Đã xuất lúc {time}. Những gì soạn sau đó vẫn chưa được giữ: hãy xuất lại trước khi đóng trang.",
    ErrorQuota => "Không lưu được: bộ nhớ của trình duyệt đã đầy. Bản đang soạn vẫn còn trên màn hình; hãy “Xuất JSON” ngay, rồi xoá bớt dữ liệu không cần.",
    ErrorRecordTooNew => "bản nháp “{id}” được lưu bởi phiên bản Tự soi mới hơn (định dạng {found}); hãy cập nhật ứng dụng",
    ErrorAborted => "trình duyệt đã huỷ lần ghi",
    ErrorLocked => "Các bản nháp đang khoá. Hãy mở khoá bằng mật khẩu rồi làm lại; chưa có gì bị ghi.",
    ErrorLockChanged => "Khoá bằng mật khẩu vừa được bật hoặc tắt ở một thẻ khác, nên thẻ này chưa ghi gì. Hãy tải lại trang này để tiếp tục; những gì đã lưu vẫn còn.",
    ErrorRecordDamaged => "Một bản ghi đã khoá (mã {id}) không mở được: dữ liệu trên máy đã bị thay đổi hoặc hỏng. Các bản khác vẫn mở bình thường; nếu có tệp đã xuất của bản này, hãy nhập lại.",
    ErrorProfileDamaged => "“Thông tin của tôi” lưu trên máy bị hỏng, không đọc được; hãy gõ lại trong trang cài đặt rồi lưu",
    ErrorStorage => "Không lưu được vào bộ nhớ của trình duyệt ({detail}). Bản đang soạn vẫn còn trên màn hình; hãy “Xuất JSON” để giữ một bản sao.",

    // Import and export.
    ImportDone => "Đã nhập {count} bản nháp.",
    ImportConflictTitle => "Đã có bản nháp trùng mã",
    ImportConflictBody => "Tệp có {count} bản nháp trùng mã với bản đang có trên máy: {titles}. Thay thế các bản đang có, hay giữ cả hai (bản nhập vào sẽ nhận mã mới)?",
    ImportNothingStored => "Chưa nhập gì; dữ liệu trên máy không thay đổi.",
    ImportTooLarge => "Tệp quá lớn ({size} MB; tối đa {max} MB). Tệp xuất của Tự soi, kể cả “Xuất tất cả”, không lớn đến vậy: hãy kiểm tra lại đã chọn đúng tệp chưa.",
    ImportNotText => "Không đọc được tệp: nội dung không phải văn bản UTF-8. Hãy chọn tệp .json do Tự soi xuất ra.",
    ImportNotJson => "Tệp không phải JSON hợp lệ (lỗi ở dòng {line}, cột {column}). Có thể tệp bị cắt ngang khi tải hoặc sao chép: hãy xuất lại từ máy gốc.",
    ImportNotOurs => "Đây không phải tệp xuất của Tự soi (thiếu hoặc sai trường “format”). Hãy chọn tệp do nút “Xuất JSON” tạo ra.",
    ImportSchemaTooNew => "Tệp được tạo bởi phiên bản Tự soi mới hơn (định dạng {found}, bản này đọc được đến {supported}). Hãy cập nhật ứng dụng rồi nhập lại.",
    ImportSchemaInvalid => "Tệp có số phiên bản định dạng không hợp lệ ({found}). Hãy xuất lại từ Tự soi.",
    ImportBadDocument => "Bản nháp thứ {index} trong tệp bị hỏng hoặc thiếu dữ liệu ({detail}). Hãy xuất lại từ máy gốc.",
    ImportUnknownTemplate => "Bản nháp “{title}” dùng mẫu biểu “{template}” mà phiên bản này chưa có. Nếu đó là mẫu riêng của đảng bộ, hãy nhập tệp mẫu ở trang Cài đặt; nếu không, hãy cập nhật ứng dụng rồi nhập lại.",
    ImportEmpty => "Tệp không chứa bản nháp nào.",
    ImportDuplicateInFile => "Tệp có hai bản nháp cùng mã “{id}”. Tệp có thể đã bị sửa tay; hãy xuất lại từ Tự soi.",
    ImportReadFailed => "Không đọc được tệp đã chọn ({detail}).",

    // Editor.
    YearLine => "Năm {year}",
    FieldDangBo => "Đảng bộ",
    FieldChiBo => "Chi bộ",
    FieldPlace => "Địa danh (nơi viết)",
    FieldDate => "Ngày viết",
    FieldFullName => "Họ và tên",
    FieldBirthDate => "Ngày sinh",
    FieldWorkUnit => "Đơn vị công tác",
    FieldPartyPosition => "Chức vụ Đảng",
    FieldGovernmentPosition => "Chức vụ chính quyền",
    FieldUnionPosition => "Chức vụ đoàn thể",
    FieldCollectiveName => "Tên tập thể",
    FieldAdmissionDate => "Ngày kết nạp vào Đảng",
    FieldTransferDate => "Ngày chuyển sinh hoạt đảng",
    FieldStudySubject => "Nghị quyết, chuyên đề hoặc lớp học",
    DefaultProbationTitle => "Bản tự kiểm điểm đảng viên dự bị",
    DefaultTransferTitle => "Bản tự kiểm điểm khi chuyển sinh hoạt đảng năm {year}",
    DefaultStudyTitle => "Bài thu hoạch năm {year}",
    KindProbation => "Tự kiểm điểm dự bị",
    QuestionLabel => "Câu hỏi",
    AnswerLabel => "Câu trả lời",
    KindTransfer => "Chuyển sinh hoạt",
    KindStudy => "Bài thu hoạch",
    IssueNoQuestion => "Chưa có câu hỏi nào: hãy chép các câu hỏi cấp ủy nêu rồi trả lời từng câu.",
    IssueQuestionUnanswered => "Câu hỏi {no} chưa có {part}.",
    AudienceLabel => "Bạn kiểm điểm với tư cách",
    AudienceLeader => "Cá nhân giữ chức vụ lãnh đạo, quản lý",
    AudienceMember => "Đảng viên không giữ chức vụ lãnh đạo, quản lý",
    AudienceOutside => "Đảng viên không làm việc trong hệ thống chính trị (hưu trí, học sinh, sinh viên, doanh nghiệp tư nhân…)",
    AudienceCollective => "Tập thể (cấp uỷ, chi bộ, tập thể lãnh đạo)",
    OtherFormLabel => "Mẫu biểu (đề xuất theo năm; có thể chọn mẫu khác)",
    IssuePartyAboveCivil => "Mức xếp loại đảng viên đề xuất cao hơn mức xếp loại cán bộ, công chức, viên chức. Nhiều nơi không cho phép như vậy (cảnh báo của ứng dụng, không phải quy định chung): hãy kiểm tra hướng dẫn của cấp uỷ.",
    IssueCivilRatingMissing => "Chưa chọn mức xếp loại cán bộ, công chức, viên chức.",
    OptionalMark => "(nếu có)",
    TemplateUnverified => "Chưa đối chiếu đủ với bản gốc của mẫu: {note}",
    ScoreTotal => "Tổng điểm",
    ValueNumber => "một số thập phân",
    ValueText => "một đoạn chữ dài",
    ValueList => "một danh sách",
    ValueObject => "một đối tượng",
    IssuePromptUnanswered => "Mục IV, vấn đề được gợi ý số {no}: chưa ghi “{part}”.",
    IssueCarriedStatus => "Mục III: chưa ghi trạng thái khắc phục của “{text}”.",
    IssueNoCommitment => "Chưa có cam kết nào ở mục “{section}”.",

    // Printing.
    PrintDangBo => "ĐẢNG BỘ {name}",
    PrintChiBo => "CHI BỘ {name}",
    PrintParty => "ĐẢNG CỘNG SẢN VIỆT NAM",

    // The conditions of QĐ 366-QĐ/TW Điều 11 (docs/domain.md, "Ratings and points").
    ReasonDisqualified => "Có trường hợp buộc xếp loại “Không hoàn thành nhiệm vụ” (có thể được xem xét giảm nhẹ nếu tự phát hiện, báo cáo và đã khắc phục hậu quả).",
    ReasonConditionNo => "Có điều kiện của mức cao hơn chưa đạt.",
    ReasonConditionUnanswered => "Có điều kiện của mức cao hơn chưa được trả lời.",

    // Scoring rubrics.
    RubricNotJson => "Tệp thang điểm không phải JSON hợp lệ (lỗi ở dòng {line}, cột {column}).",
    RubricNotOurs => "Đây không phải tệp thang điểm của Tự soi (thiếu hoặc sai trường “format”).",
    RubricTooNew => "Tệp thang điểm thuộc định dạng mới hơn ({found}); hãy cập nhật ứng dụng.",
    RubricInvalid => "Tệp thang điểm thiếu hoặc sai dữ liệu ({detail}).",
    RubricUnknownTemplate => "Tệp thang điểm dành cho mẫu “{id}” mà phiên bản này chưa có.",
    RubricUnknownGroup => "Tệp thang điểm có nhóm tiêu chí “{group}” không có trong mẫu.",
    RubricWrongSum => "Các tiêu chí của “{group}” cộng lại được {sum} điểm, nhưng nhóm này tối đa {max} điểm.",
    RubricDuplicate => "Tệp thang điểm có hai tiêu chí cùng mã “{id}”.",
    RubricNotForTemplate => "Thang điểm này không dành cho mẫu của bản nháp đang mở.",
    RubricNothingChanged => "Thang điểm đang dùng không thay đổi.",

    // Validation problems.
    IssueRequiredField => "Chưa điền “{field}”.",
    IssuePositionRequired => "Mẫu dành cho người giữ chức vụ lãnh đạo, quản lý: ghi ít nhất một chức vụ đồng chí đang giữ.",
    IssueSectionEmpty => "Mục “{section}” còn trống.",
    IssueScoreMissing => "Chưa chấm điểm “{group}”.",
    IssueScoreOutOfRange => "Điểm “{group}” phải từ 0 đến {max}.",
    IssueRatingMissing => "Chưa chọn mức xếp loại đề xuất.",
    IssueRatingAboveScore => "Đề xuất “{proposed}” nhưng tổng điểm {total} chỉ cho phép tới “{allowed}” (ngưỡng 90/70/50 điểm, Quy định 366-QĐ/TW).",

    // Rating levels (QĐ 366-QĐ/TW Điều 11).
    RatingHtxsnv => "Hoàn thành xuất sắc nhiệm vụ",
    RatingHttnv => "Hoàn thành tốt nhiệm vụ",
    RatingHtnv => "Hoàn thành nhiệm vụ",
    RatingKhtnv => "Không hoàn thành nhiệm vụ",
}

catalogue! {
    YearMsg, yt;
    // The pledge's progress during the year (`model::pledge::Progress`).
    ProgressQuarter => "Quý {quarter}",
    ProgressNone => "Chưa ghi",
    ProgressNotStarted => "chưa làm",
    ProgressInProgress => "đang làm",
    ProgressDone => "đã xong",
    ProgressLine => "quý {quarter}/{year}: {status}",
    ProgressPrintHead => "Tiến độ",
    ProgressEvidencePrint => "minh chứng: {evidence}",
    ProgressSummary => "{done}/{total} cam kết đã xong, {doing} đang làm, {todo} chưa làm, {blank} chưa ghi tiến độ quý {quarter}.",
    // The upper level's prompts ("gợi ý kiểm điểm", `model::prompt`).
    PromptsClearConfirm => "Bỏ danh sách vấn đề được gợi ý cùng mọi phần giải trình đã viết? Mục IV sẽ trở lại thành ô văn bản như mẫu.",
    PromptContent => "Vấn đề được gợi ý (chép đúng văn bản)",
    PromptExplanation => "Giải trình (tình hình thực tế, bối cảnh, mức độ ảnh hưởng)",
    PromptCauseObjective => "Nguyên nhân khách quan",
    PromptCauseSubjective => "Nguyên nhân chủ quan",
    PromptResponsibility => "Trách nhiệm của cá nhân",
    PromptCollectiveResponsibility => "Trách nhiệm của tập thể",
    PromptRemedy => "Biện pháp khắc phục",
    PromptShortcoming => "Được kết luận là khuyết điểm (sẽ chuyển sang mục III năm sau để theo dõi khắc phục)",
    PromptSourceLine => "Theo văn bản gợi ý kiểm điểm {number} ngày {date} của {body}.",
    PromptPrintIssue => "{no}. Vấn đề được gợi ý kiểm điểm: {content}",
    PromptPrintExplanation => "Giải trình: {text}",
    PromptPrintCauses => "Nguyên nhân:",
    PromptPrintObjective => "Khách quan: {text}",
    PromptPrintSubjective => "Chủ quan: {text}",
    PromptPrintResponsibility => "Trách nhiệm của cá nhân: {text}",
    PromptPrintCollective => "Trách nhiệm của tập thể: {text}",
    PromptPrintRemedy => "Biện pháp khắc phục: {text}",
    PromptFileTooLarge => "Tệp quá lớn để là tệp gợi ý kiểm điểm. Hãy chọn tệp gợi ý do trang “Tổng hợp” của chi bộ tạo ra.",
    PromptFileNotJson => "Không đọc được tệp gợi ý: nội dung không phải JSON hợp lệ (có thể tệp bị cắt ngang khi gửi). Hãy xin chi bộ gửi lại tệp.",
    PromptFileIsExport => "Đây là tệp bản nháp của đảng viên, không phải tệp gợi ý kiểm điểm. Muốn mở bản nháp, hãy dùng nút “Nhập” ở danh sách bản nháp.",
    PromptFileNotOurs => "Đây không phải tệp gợi ý kiểm điểm của Tự soi. Hãy chọn tệp do trang “Tổng hợp” của chi bộ tạo ra, hoặc gõ từng vấn đề.",
    PromptFileTooNew => "Tệp gợi ý được tạo bởi phiên bản Tự soi mới hơn (định dạng {found}, bản này đọc được đến {supported}). Hãy cập nhật ứng dụng rồi nhập lại.",
    PromptFileBad => "Tệp gợi ý bị hỏng hoặc thiếu dữ liệu ({detail}). Hãy xin chi bộ tạo lại tệp.",
    PromptFileNoIssues => "Tệp gợi ý không có vấn đề nào. Hãy xin chi bộ kiểm tra lại tệp.",
    PromptsWrongYear => "Tệp gợi ý này dành cho năm {found}, còn bản kiểm điểm là năm {year}. Hãy kiểm tra lại tệp chi bộ gửi.",
}

/// [`yt`] followed by [`fill`].
pub fn ytf(key: YearMsg, args: &[(&str, &str)]) -> String {
    fill(yt(key), args)
}

catalogue! {
    EditorMsg, et;
    // Texts only the pages of soan/ show (the editor, print, settings and the list's steps), kept
    // out of `Msg` so that the home page's wasm, which links the whole of `Msg`, does not carry
    // them (docs/size.md); grouped by what they are about.
    // The editor's frame: saving, another tab's version, sending, the header and the title.
    ActionSend => "Gửi",
    ActionBack => "Danh sách bản nháp",
    ConflictLoadNewer => "Tải bản mới hơn",
    ConflictKeepMine => "Giữ bản của tôi thành bản sao",
    EditorHeader => "Thông tin chung",
    EditorTitleLabel => "Tên bản nháp (chỉ để bạn dễ tìm)",
    ShareFailed => "Không gửi được ({reason}). Hãy bấm “Xuất JSON” rồi gửi tệp đã tải.",
    LockNowShort => "Khoá",
    Saving => "Đang lưu…",
    SaveNotAnswered => "Trình duyệt chưa xác nhận lần lưu sau {seconds} giây, nên chưa chắc bản nháp đã được lưu. Bản đang soạn vẫn còn trên màn hình và ứng dụng vẫn thử lưu tiếp: hãy bấm “Xuất JSON” ngay để giữ một bản sao; nếu thông báo này còn, hãy tải lại trang sau khi đã xuất.",
    Unsaved => "Có thay đổi chưa lưu",
    KeptAsCopy => "Đã lưu bản của bạn thành bản sao “{title}”.",
    // The list's steps that read a document's body (`pages::steps`).
    RenameTitle => "Đổi tên bản nháp",
    RenameLabel => "Tên mới của bản nháp",
    StepCopying => "Đang tạo bản sao…",
    StepNextReview => "Đang tạo bản kiểm điểm năm sau…",
    // Import by pasting a file's content.
    PasteAction => "Dán nội dung tệp",
    PasteLabel => "Nội dung tệp đã chép (từ tin nhắn, Ghi chú hay “Sao chép nội dung tệp”):",
    PasteImport => "Nhập nội dung đã dán",
    PasteEmpty => "Chưa có nội dung: hãy giữ ngón tay vào ô trên → Dán, rồi bấm “Nhập nội dung đã dán”.",
    PastedName => "nội dung đã dán",
    // A section: the form's note, the app's hint and examples, questions, answers, the length.
    ExamplesTitle => "Ví dụ cụ thể (đừng chép nguyên văn: hãy viết việc của chính mình)",
    QuestionAdd => "Thêm câu hỏi",
    QuestionRemove => "Bỏ câu hỏi này",
    QuestionsIntro => "Chép đúng từng câu hỏi trong hướng dẫn của cấp ủy, rồi trả lời bằng việc cụ thể của đơn vị và của mình.",
    FormNote => "Hướng dẫn của mẫu",
    AppHint => "Gợi ý viết (của ứng dụng, không phải văn bản chính thức)",
    InferredNote => "Phần này được dựng lại từ các nguồn thứ cấp, chưa đối chiếu với bản gốc của mẫu.",
    CharCount => "{count} ký tự",
    AnswerYes => "Có",
    AnswerNo => "Không",
    // The documents of a probation or a transfer: their dates.
    ProbationNoDate => "Ghi ngày kết nạp để biết ngày đủ 12 tháng dự bị và hạn chi bộ phải xét.",
    TransferNoDate => "Ghi ngày chuyển sinh hoạt đảng để biết khoảng thời gian cần tự kiểm điểm (một năm trước ngày chuyển).",
    ProbationDates => "Kết nạp ngày {admitted}: đủ 12 tháng dự bị ngày {due}. Chi bộ phải xét công nhận đảng viên chính thức trong 30 ngày làm việc, tức đến ngày {deadline} (tính thứ Hai đến thứ Sáu, chưa trừ ngày nghỉ lễ, Tết).",
    TransferPeriodNote => "Bản này tự kiểm điểm một năm trước khi chuyển: từ {from} đến {to}. Có thể chép từ bản kiểm điểm năm gần nhất rồi bổ sung các tháng sau đó.",
    // What to look at again.
    ProblemsTitle => "Cần xem lại",
    ProblemsCount => "Còn {count} điểm cần xem lại",
    ProblemsNone => "Chưa thấy thiếu sót nào.",
    // The pledge and its commitments.
    PledgeThemeLabel => "Chuyên đề học tập và làm theo của năm (do đảng bộ chọn)",
    PledgeStudyLabel => "Kèm đăng ký học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    CommitmentAdd => "Thêm cam kết",
    CommitmentRemove => "Bỏ cam kết này",
    CommitmentContent => "Nội dung cam kết",
    CommitmentTargetKind => "Đo kết quả bằng",
    CommitmentTargetNone => "Chưa chọn",
    CommitmentTargetNumber => "Con số (số lượng, tỉ lệ…)",
    CommitmentTargetOutcome => "Việc hoàn thành hay chưa",
    CommitmentValue => "Con số",
    CommitmentUnit => "Đơn vị (buổi, hồ sơ, %…)",
    CommitmentOutcome => "Kết quả phải đạt",
    CommitmentDeadline => "Thời hạn",
    CommitmentDeadlineDate => "Ngày cụ thể",
    CommitmentEvidence => "Sản phẩm, minh chứng",
    CommitmentAssessment => "Tự đánh giá cuối năm",
    CommitmentComment => "Nhận xét kết quả",
    CommitmentCarried => "Từ phần khắc phục của “{title}”",
    CommitmentsEmpty => "Chưa có cam kết nào ở mục này.",
    ActionAttachPledge => "Lấy kết quả từ bản cam kết",
    AttachPledgeNone => "Chưa có bản cam kết năm {year} trên thiết bị.",
    PledgeForYearLabel => "Bản cam kết của năm để đánh giá mục I.3",
    AttachPledgeConfirm => "Mục I.3 đang có chữ. Thay bằng danh sách cam kết của “{title}”?",
    PledgeThemeLine => "Chuyên đề năm {year}: {theme}",
    // Carry-over and links between documents.
    CarryTitle => "Hạn chế, khuyết điểm đã chỉ ra ở kỳ kiểm điểm trước",
    CarryNote => "Mức độ khắc phục, khó khăn, trách nhiệm",
    CarryFromShortcomings => "Hạn chế nêu ở mục II.1",
    CarryFromRemedies => "Biện pháp nêu ở mục VI",
    CarryMoreText => "Ghi thêm (khó khăn, vướng mắc, trách nhiệm của cá nhân)",
    LinkInTrash => "đang ở thùng rác: khôi phục để mở",
    LinkMissing => "đã bị xoá khỏi thiết bị; các mục chép sang vẫn giữ nguyên",
    LinksTitle => "Liên kết với tài liệu khác",
    ActionReviewFromPrevious => "Tạo bản kiểm điểm năm {year} từ bản này",
    ActionPledgeFromReview => "Tạo bản cam kết năm {year} từ bản này",
    CarryFromPrompts => "Vấn đề được gợi ý kiểm điểm (mục IV), đã kết luận là khuyết điểm",
    // The year between reviews: progress by quarter and the upper level's prompts.
    ProgressTitle => "Tiến độ theo quý",
    ProgressIntro => "Ghi lại tình hình thực hiện ở mỗi kỳ sinh hoạt chuyên đề (ít nhất mỗi quý một lần, Chỉ thị 50-CT/TW): việc đã làm, còn vướng gì, minh chứng.",
    ProgressStatus => "Tình trạng",
    ProgressNote => "Ghi chú (đã làm gì, còn vướng gì)",
    ProgressEvidence => "Minh chứng",
    ProgressDate => "Ngày ghi",
    ProgressProposal => "Theo tiến độ quý {quarter}: {status}. Đề xuất tự đánh giá cuối năm “{assessment}”; mức “vượt” do đồng chí tự chọn nếu kết quả vượt chỉ tiêu.",
    ProgressUseProposal => "Dùng đề xuất",
    PromptsTitle => "Các vấn đề được gợi ý kiểm điểm",
    PromptsIntro => "Nếu cấp có thẩm quyền có văn bản gợi ý kiểm điểm, ghi từng vấn đề ở đây; mục này sẽ in thành từng vấn đề với giải trình, nguyên nhân, trách nhiệm và biện pháp khắc phục. Không được gợi ý thì để trống: mục IV in như mẫu.",
    PromptsStart => "Có văn bản gợi ý kiểm điểm",
    PromptsImport => "Nhập từ tệp gợi ý của chi bộ",
    PromptsBody => "Cơ quan gợi ý (ví dụ: Ban Thường vụ Đảng ủy xã …)",
    PromptsNumber => "Số văn bản",
    PromptsDate => "Ngày văn bản",
    PromptsAdd => "Thêm vấn đề",
    PromptsRemove => "Bỏ vấn đề này",
    PromptsClear => "Bỏ toàn bộ gợi ý",
    PromptIssue => "Vấn đề {no}",
    PromptsImported => "Đã nhập {n} vấn đề từ văn bản {number} của {body}.",
    PromptsImportReplace => "Bản này đã có gợi ý kiểm điểm. Nhập tệp mới sẽ thay danh sách vấn đề; phần giải trình của vấn đề trùng nội dung được giữ lại. Tiếp tục?",
    // The self-check (27 manifestations, 19 prohibitions) and its summary.
    CheckTitle => "Tự soi: 27 biểu hiện suy thoái và 19 điều đảng viên không được làm",
    CheckIntro => "Với từng nội dung, chọn “Không có” hoặc “Có biểu hiện”; nếu có, ghi việc sẽ làm và thời hạn. Bản tóm tắt điền vào mục I.1, sửa được như chữ thường.",
    CheckProgress => "Đã soi {answered}/{total} nội dung, có biểu hiện ở {found}.",
    CheckNo => "Không có",
    CheckYes => "Có biểu hiện",
    CheckAction => "Việc sẽ làm để khắc phục",
    CheckBy => "Thời hạn",
    CheckFill => "Điền tóm tắt vào mục I.1",
    CheckSource => "Nguồn: {source}",
    CheckSummaryLead => "Tự soi, tự sửa.",
    CheckSummaryList => "Đối chiếu {title} ({document}):",
    CheckSummaryListUncited => "Đối chiếu {title}:",
    CheckSummaryNone => " không có biểu hiện.",
    CheckSummaryFound => " có {count} biểu hiện: {items}.",
    CheckSummaryAction => ", khắc phục bằng cách: {action}",
    CheckSummaryBy => ", thời hạn: {by}",
    CheckSummaryMissing => " Còn {count} nội dung chưa tự soi.",
    // The linter and the comparison with a colleague's file.
    LintTitle => "Gợi ý để viết cụ thể hơn",
    CompareTitle => "So sánh với bản của đồng chí khác",
    CompareNote => "Chọn tệp JSON xuất từ Tự soi của người khác để xem câu nào trùng. Tệp chỉ được đọc để so sánh, không được lưu.",
    CompareLoaded => "Đang so sánh với “{file}” ({count} văn bản).",
    CompareClear => "Thôi so sánh",
    LintNoTarget => "Cam kết chưa có chỉ tiêu đo được.",
    LintNoTargetHint => "Chọn “Con số” (ví dụ 12 buổi, 100 %) hoặc “Việc hoàn thành hay chưa” và ghi rõ kết quả phải đạt.",
    LintNoDeadline => "Cam kết chưa có thời hạn.",
    LintNoDeadlineHint => "Chọn một quý hoặc một ngày cụ thể.",
    LintTooShort => "Quá ngắn để cụ thể ({length}/{min} ký tự).",
    LintTooShortHint => "Nêu việc gì, ở đâu, bao nhiêu, kết quả ra sao.",
    LintGeneric => "Cụm từ chung chung “{phrase}”, không có đối tượng hay mức đo.",
    LintRepeated => "Trùng {percent}% với một nội dung khác trong chính bản này.",
    LintCopiedExample => "Trùng {percent}% với câu mẫu hay được chép.",
    LintCopiedMine => "Trùng {percent}% với “{title}” của bạn.",
    LintCopiedColleague => "Trùng {percent}% với tệp so sánh “{file}”.",
    LintCopiedHint => "Viết lại bằng việc cụ thể của chính mình trong năm, có số liệu, sản phẩm, thời hạn.",
    // Points, the conditions of QĐ 366 and the committees' rubrics.
    ScoreSuggests => "Với {total}/100 điểm, mức cao nhất có thể đề xuất là “{level}”. Mức xếp loại còn phụ thuộc các điều kiện khác; quyết định thuộc về bạn và chi bộ.",
    ScoreIncomplete => "Nhập đủ điểm hai nhóm tiêu chí để xem mức tương ứng.",
    ConditionsTitle => "Các điều kiện ngoài số điểm (Quy định 366-QĐ/TW, Điều 11)",
    ConditionsHelp => "Trả lời trung thực để ứng dụng gợi ý mức phù hợp. Câu chưa trả lời được tính là chưa đạt điều kiện.",
    RulesSuggest => "Theo số điểm và các điều kiện, mức cao nhất có thể đề xuất là “{level}”.",
    QuotaNote => "Số người được xếp loại “Hoàn thành xuất sắc nhiệm vụ” không quá 20% số được xếp loại “Hoàn thành tốt nhiệm vụ”; tỉ lệ này do chi bộ, cấp uỷ xem xét, không phải do cá nhân tự áp.",
    RubricImport => "Nhập thang điểm của cấp uỷ (.json)",
    RubricRemove => "Bỏ thang điểm",
    RubricHelp => "Cách chia 30 và 70 điểm thành tiêu chí nhỏ do cấp uỷ trực thuộc Trung ương quy định. Nếu cấp uỷ có tệp thang điểm cho Tự soi, hãy nhập để chấm từng tiêu chí.",
    RubricSubtotal => "Cộng: {points}/{max}",
    RubricUsing => "Chấm theo “{name}” ({issuer}).",
    QExceeded30 => "Có ít nhất 30% nhiệm vụ vượt mức (với cán bộ lãnh đạo: ở đơn vị mình trực tiếp phụ trách)?",
    QRemedied => "Đã khắc phục hết hạn chế, khuyết điểm được chỉ ra ở kỳ kiểm điểm trước (hoặc không có)?",
    QOnTime => "Hoàn thành 100% nhiệm vụ đúng tiến độ, bảo đảm chất lượng, hiệu quả?",
    QAllDone => "Hoàn thành 100% nhiệm vụ, không quá 20% nhiệm vụ chậm tiến độ?",
    QDegradation => "Bị cấp có thẩm quyền kết luận có biểu hiện suy thoái, “tự diễn biến”, “tự chuyển hoá”?",
    QDisciplined => "Bị kỷ luật (từ khiển trách trở lên) do vi phạm liên quan đến chức trách, nhiệm vụ trong năm?",
    QForbidden => "Vi phạm những điều đảng viên không được làm, hoặc vi phạm trách nhiệm nêu gương làm ảnh hưởng uy tín?",
    QHalfFailed => "Có trên 50% nhiệm vụ trong năm không hoàn thành?",
    QUnitsFailed => "Đơn vị phụ trách hoàn thành dưới 70% chương trình, kế hoạch năm (hoặc không đạt 5 chỉ tiêu cơ bản), hay trên 50% đơn vị thuộc quyền bị xếp loại không hoàn thành nhiệm vụ?",
    QLowConfidence => "Có trên 50% phiếu tín nhiệm thấp khi lấy phiếu tín nhiệm trong năm?",
    QCorruption => "Để xảy ra tham nhũng, lãng phí, tiêu cực ở đơn vị mình trực tiếp quản lý và đã bị xử lý kỷ luật?",
    // The A4 page and the Word file.
    ActionPrint => "In / Lưu PDF",
    PrintBack => "Quay lại bản nháp",
    PrintHint => "Đây là bản xem trước trang A4. Bấm “In / Lưu PDF”, rồi chọn máy in hoặc “Lưu dưới dạng PDF”.",
    WordNumber => "Số TT",
    WordCommitment => "Nội dung cam kết",
    PrintQuestion => "Câu {no}. {question}",
    PrintTransferPeriod => "Thời gian tự kiểm điểm: từ {from} đến {to}",
    PrintPoints => "{label}: {points}/{max} điểm",
    PrintDateLine => "{place}, ngày {day} tháng {month} năm {year}",
    // Settings: the profile, offline use, storage, files.
    SettingsTitle => "Cài đặt và tình trạng",
    SettingsOffline => "Dùng khi không có mạng",
    SettingsStorage => "Nơi lưu bản nháp",
    ProfileTitle => "Thông tin của tôi",
    ProfileExplain => "Gõ một lần: mỗi bản kiểm điểm, bản cam kết mới, kể cả bản làm từ bản năm trước, sẽ tự điền các thông tin này. Sửa trong từng bản không làm đổi thông tin ở đây.",
    ProfileSave => "Lưu thông tin",
    ProfileFromDocument => "Điền từ bản “{title}”",
    ProfileSaved => "Đã lưu. Các bản tạo từ nay sẽ tự điền các thông tin này.",
    SettingsVersion => "Phiên bản ứng dụng: {version}",
    PersistUnknown => "Trình duyệt này không cho biết nó có giữ dữ liệu lâu dài hay không: khi thiếu chỗ hoặc lâu không dùng, nó có thể xoá. Hãy “Xuất tất cả” định kỳ để giữ một bản sao.",
    StorageUsage => "Đang dùng {used} trong {quota} trình duyệt cho phép.",
    ProfileNotSaved => "Không lưu được thông tin: {reason} Thông tin đã lưu trước đó vẫn giữ nguyên.",
    OfflineReady => "Đã sẵn sàng: ứng dụng mở được cả khi không có mạng.",
    OfflinePending => "Đang chuẩn bị để dùng khi không có mạng…",
    OfflineInsecure => "Trang đang mở qua HTTP thường, không phải HTTPS, nên trình duyệt không cho cài để dùng khi không có mạng. Ứng dụng vẫn dùng được khi có mạng và vẫn lưu bản nháp trên máy. Muốn dùng ngoại tuyến, hãy đề nghị người quản trị máy chủ nội bộ bật HTTPS.",
    OfflineUnsupported => "Trình duyệt này không hỗ trợ dùng khi không có mạng. Hãy dùng Chrome, Edge, Firefox hoặc Safari bản mới.",
    OfflineFailed => "Chưa cài được bản dùng khi không có mạng; ứng dụng vẫn dùng được khi có mạng. Hãy tải lại trang khi có mạng.",
    StoragePersistent => "Bản nháp được lưu trong bộ nhớ của trình duyệt trên thiết bị này. Xoá dữ liệu duyệt web sẽ xoá cả bản nháp: hãy “Xuất tất cả” định kỳ để giữ một bản sao.",
    StorageMemoryOnly => "Trình duyệt không cho lưu: bản nháp chỉ nằm trong bộ nhớ tạm và sẽ mất khi đóng trang.",
    PersistYes => "Trình duyệt đã đồng ý giữ dữ liệu lâu dài: không tự xoá khi thiếu chỗ.",
    PersistNo => "Trình duyệt chưa cam kết giữ dữ liệu lâu dài: khi thiếu chỗ nó có thể xoá. Hãy “Xuất tất cả” định kỳ.",
    SettingsFiles => "Tệp xuất: thường và có mật khẩu",
    SettingsPlainFiles => "“Xuất JSON” và “Gửi” tạo tệp thường: ai có tệp (qua Zalo, thư điện tử, USB) cũng đọc được. Dùng để sao lưu cho chính mình, hoặc khi chi bộ không dùng mật khẩu.",
    SettingsSealedFiles => "“Xuất có mật khẩu” (trong trang soạn) tạo tệp đã mã hoá (AES-256-GCM, khoá lấy từ mật khẩu qua PBKDF2-SHA256, {rounds} vòng): chỉ người biết mật khẩu mới mở được, bằng nút “Nhập” của Tự soi hoặc ở trang tổng hợp của chi bộ. Quên mật khẩu thì không ai mở được tệp; bản nháp trên máy không bị ảnh hưởng.",
    // Sealed files ("Xuất có mật khẩu").
    SealTitle => "Xuất có mật khẩu",
    SealExplain => "Tệp này chỉ mở được bằng mật khẩu gõ dưới đây, thường là mật khẩu chi bộ đã thống nhất, nên ai nhận được tệp qua Zalo hay thư điện tử mà không biết mật khẩu thì không đọc được. Mật khẩu không lưu ở đâu cả: quên thì không ai mở được tệp, kể cả bạn. Bản nháp trên máy không đổi.",
    SealPassphraseAgain => "Gõ lại mật khẩu",
    SealShow => "Hiện mật khẩu",
    SealKeyboardNote => "Nên chọn mật khẩu dài, không dấu: bàn phím điện thoại có thể gõ dấu khác nhau trong ô mật khẩu, và người mở tệp phải gõ đúng từng ký tự.",
    SealMake => "Tạo tệp có mật khẩu",
    SealWorking => "Đang mã hoá…",
    SealReady => "Tệp “{name}” đã được mã hoá. Gửi cho chi bộ, hoặc tải xuống máy.",
    SealDownload => "Tải xuống",
    SealClose => "Đóng",
    // A hand-over without a network: the file as a loop of QR codes.
    QrShow => "Hiện mã QR",
    QrTitle => "Gửi bằng mã QR",
    QrExplain => "Không cần mạng: đưa màn hình này cho bí thư chi bộ quét bằng mục “Quét mã QR” trong trang tổng hợp của chi bộ. Các mã chạy lần lượt; máy quét nhận đủ thì báo.",
    QrBrightness => "Tăng độ sáng màn hình lên cao nhất, giữ máy yên, cách máy quét khoảng một gang tay.",
    QrNoWakeLock => "Trình duyệt này không tự giữ màn hình sáng: chạm nhẹ vào màn hình nếu nó sắp tối.",
    QrCounter => "Mã {n}/{total}",
    QrStop => "Dừng",
}

/// The Vietnamese text of an editor key with its placeholders filled.
pub fn etf(key: EditorMsg, args: &[(&str, &str)]) -> String {
    fill(et(key), args)
}

/// Fills the `{name}` placeholders of a text. A placeholder with no value is left as it is, so a
/// missing argument shows up on screen and in tests instead of silently disappearing.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// [`t`] followed by [`fill`].
pub fn tf(key: Msg, args: &[(&str, &str)]) -> String {
    fill(t(key), args)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Letters that only Vietnamese text has; a text without any of them was probably left in
    /// English or typed without diacritics.
    pub(crate) const VIETNAMESE_LETTERS: &str =
        "ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ";

    /// Every key of a catalogue has Vietnamese text, with diacritics, and balanced placeholders:
    /// the check each catalogue (`Msg`, the workspace's, the sealed file's) runs on itself.
    pub(crate) fn check_catalogue<K: Copy + std::fmt::Debug>(
        keys: &[K],
        text: fn(K) -> &'static str,
    ) {
        for &key in keys {
            let text = text(key);
            assert!(!text.trim().is_empty(), "{key:?} is empty");
            assert!(
                text.to_lowercase()
                    .chars()
                    .any(|c| VIETNAMESE_LETTERS.contains(c)),
                "{key:?} has no Vietnamese letter: {text}"
            );
            assert_eq!(
                text.matches('{').count(),
                text.matches('}').count(),
                "{key:?}: {text}"
            );
        }
    }

    #[test]
    fn every_key_has_vietnamese_text_with_diacritics_and_balanced_placeholders() {
        check_catalogue(Msg::ALL, t);
        check_catalogue(YearMsg::ALL, yt);
        check_catalogue(EditorMsg::ALL, et);
    }

    #[test]
    fn fill_replaces_every_named_placeholder_and_keeps_unknown_ones() {
        assert_eq!(fill("{a} và {b}", &[("a", "1"), ("b", "2")]), "1 và 2");
        assert_eq!(fill("{a} và {b}", &[("a", "1")]), "1 và {b}");
    }
}
