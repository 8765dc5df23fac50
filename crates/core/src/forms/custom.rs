//! A committee's own template ("mẫu riêng của đảng bộ"), loaded at run time: a file written like
//! the built-in `templates/*.json`, checked by the same field rules `build.rs` applies to those
//! ([`spec`](crate::forms::spec)) and by the rules every built-in template is tested against
//! ([`problems`]). Every problem is named, in Vietnamese, with where it is; a file with none
//! becomes a [`Template`], kept in the [`Forms`] value its caller holds.
//!
//! A document made from such a template carries the file (`Document::form`), so it opens on any
//! device: [`ensure`] adds a document's form to the caller's [`Forms`] before anything reads its
//! template.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::base::messages::{catalogue, fill};
use crate::forms::spec::{fields, largest, variants, Ty, TIP_FIELDS};
use crate::forms::template::{
    ApprovalBlock, DocKind, FormCheck, Forms, Provenanced, RatingListSpec, ScoreGroup, Section,
    SectionKind, SectionTexts, Signature, Template, TemplateId,
};

catalogue! {
    FormMsg, ft;
    FormNotJson => "Tệp mẫu biểu không phải JSON hợp lệ (lỗi ở dòng {line}, cột {column}).",
    FormNotObject => "{at}: phải là một đối tượng JSON, viết trong cặp ngoặc nhọn.",
    FormUnknownField => "{at}: có trường “{field}” mà mẫu biểu không có (viết sai tên?).",
    FormMissingField => "{at}: thiếu trường “{field}”.",
    FormWrongText => "{at}: phải là văn bản, viết trong dấu ngoặc kép.",
    FormWrongNumber => "{at}: phải là số nguyên từ 0 đến {max}.",
    FormWrongBool => "{at}: phải là true hoặc false.",
    FormWrongList => "{at}: phải là một danh sách, viết trong cặp ngoặc vuông.",
    FormWrongName => "{at}: “{value}” không dùng được; chọn một trong: {names}.",
    FormEmptyId => "Mã mẫu (“id”) đang để trống.",
    FormLongId => "Mã mẫu (“id”) dài quá 100 ký tự.",
    FormBuiltInId => "Mã mẫu “{id}” trùng với một mẫu có sẵn của ứng dụng. Mẫu riêng cần mã khác, chẳng hạn có tên đảng bộ: “DB-TENDANGBO/cam-ket-2026”.",
    FormOtherId => "Mẫu đi kèm có mã “{found}”, khác mã “{id}” mà văn bản ghi.",
    FormYears => "Năm áp dụng không hợp lệ: “first_year” là {first}, “last_year” là {last}.",
    FormNoIdentity => "Mẫu chưa có dòng thông tin nào về người viết (“identity”).",
    FormNoSections => "Mẫu chưa có mục nào (“sections”).",
    FormEmptySectionId => "Mục thứ {n} có mã (“id”) để trống.",
    FormDuplicateSection => "Mã mục “{id}” dùng cho nhiều mục; mỗi mục cần một mã riêng.",
    FormRequiredOptional => "Mục “{id}” vừa bắt buộc (“required”) vừa ghi “nếu có” (“optional”); hãy bỏ một trong hai.",
    FormDuplicateRole => "Vai trò “{role}” được gán cho nhiều mục; mỗi vai trò chỉ gán cho một mục.",
    FormDuplicateRemedies => "Nhiều mục cùng nhận biện pháp khắc phục năm trước (“remedies”); chỉ một mục được nhận.",
    FormReviewWithoutRatings => "Mẫu kiểm điểm (“document”: “review”) cần ít nhất một danh sách xếp loại (“rating_lists”).",
    FormRatingsOutsideReview => "Chỉ mẫu kiểm điểm hằng năm mới có xếp loại và chấm điểm; với “document”: “{kind}”, “rating_lists” và “score_groups” phải để trống.",
    FormRatingSection => "Mẫu có danh sách xếp loại thì cần đúng một mục “kind”: “rating”, và ngược lại.",
    FormScoresSection => "Mẫu có nhóm điểm (“score_groups”) thì cần đúng một mục “kind”: “scores”, và ngược lại.",
    FormScoresTotal => "Các nhóm điểm cộng lại được {total} điểm tối đa; phải là 100 (30 điểm chung và 70 điểm nhiệm vụ, Quy định 366-QĐ/TW).",
    FormDuplicateGroup => "Mã nhóm điểm “{id}” dùng cho nhiều nhóm.",
    FormDuplicateList => "Danh sách xếp loại “{list}” có mặt nhiều lần.",
    FormSectionOf => "mục “{id}”",
    FormProblems => "Chưa lưu mẫu nào: có {count} lỗi. Lỗi nằm trong tệp thì hãy gửi danh sách này cho đảng bộ để sửa tệp rồi gửi lại.",
    FormFileTooLarge => "Tệp quá lớn để là tệp mẫu biểu (tối đa 1 MB). Hãy kiểm tra đã chọn đúng tệp đảng bộ gửi.",
    FormIsExport => "Đây là tệp văn bản xuất từ Tự soi, không phải tệp mẫu. Muốn mở văn bản, hãy dùng “Nhập” ở trang chính.",
    FormPromptsWithout => "Tệp gợi ý kiểm điểm này không kèm mẫu riêng nào. Nhập nó ở mục IV của bản kiểm điểm.",
    FormNotOurs => "Tệp này không phải tệp mẫu biểu của Tự soi (có trường “format” lạ). Hãy xin đảng bộ tệp mẫu đúng.",
    FormsTitle => "Mẫu riêng của đảng bộ",
    FormsExplain => "Nếu đảng bộ phát hành mẫu riêng cho Tự soi (tệp .json, hoặc kèm trong tệp gợi ý kiểm điểm), hãy nhập ở đây. Ứng dụng kiểm tra tệp, lưu mẫu trên máy này, đưa vào danh sách “Mẫu biểu khác” ở trang chính, và gửi kèm mẫu trong mọi văn bản làm theo nó để chi bộ mở được ở máy khác.",
    FormsImport => "Nhập tệp mẫu (.json)",
    FormsEmpty => "Máy này chưa có mẫu riêng nào.",
    FormsNth => "Mẫu thứ {n}: {problem}",
    FormsNotSaved => "Chưa lưu được vào máy ({reason}). Các mẫu đã có vẫn như cũ.",
    FormsSaved => "Đã kiểm tra và lưu {count} mẫu: {names}. Mẫu đã có trong danh sách “Mẫu biểu khác” ở trang chính.",
    FormsReplaced => "{count} mẫu thay cho bản cũ cùng mã; văn bản đã làm theo bản cũ vẫn giữ bản cũ đi kèm.",
    FormsKindReview => "Bản kiểm điểm",
    FormsFrom => "áp dụng từ năm {year}",
    FormsId => "mã “{id}”",
    FormsCreate => "Tạo văn bản năm {year} theo mẫu này",
    FormsRemove => "Xoá khỏi máy",
    FormsRemoveConfirm => "Xoá mẫu {title} khỏi máy này? Các văn bản đã làm theo mẫu vẫn giữ bản mẫu đi kèm và vẫn mở được.",
    FormsRemoved => "Đã xoá mẫu {title} khỏi máy.",
    FormsBroken => "Mẫu lưu trên máy này không dùng được: {problems}",
    FormsWithPrompts => "Tệp gợi ý kèm {count} mẫu riêng của đảng bộ, đã kiểm tra và lưu vào máy (xem trang Cài đặt).",
    FormsWithPromptsBroken => "Tệp gợi ý kèm mẫu riêng có lỗi nên chưa lưu mẫu: {problems}",
    FormImportBroken => "Văn bản “{title}” theo mẫu riêng “{template}” kèm một tệp mẫu có lỗi, nên chưa nhập gì: {problems} Hãy báo đảng bộ sửa tệp mẫu, rồi xin người gửi xuất lại.",
    FormsDamaged => "Danh sách mẫu riêng lưu trên máy bị hỏng, không đọc được. Các bản nháp không bị ảnh hưởng; hãy nhập lại tệp mẫu của đảng bộ ở trang Cài đặt.",
    FormUnknown => "Văn bản “{title}” theo mẫu “{template}” mà thiết bị này chưa có, và không kèm tệp mẫu. Hãy nhập tệp mẫu của đảng bộ ở trang Cài đặt, hoặc xin người gửi xuất lại bằng Tự soi bản mới.",
}

/// A committee's template that passed every check, not yet registered.
#[derive(Debug)]
pub struct Checked {
    pub template: Template,
    texts: Vec<SectionTexts>,
    json: Value,
}

impl Checked {
    /// The template with its texts and file, made `'static` like the built-in ones (templates are
    /// few and live as long as the page) and added to `forms` in place of one of the same id.
    pub fn register(self, forms: &mut Forms) -> &'static Template {
        let template: &'static Template = Box::leak(Box::new(Template {
            own_texts: leak_all(self.texts),
            own_file: Some(Box::leak(Box::new(self.json))),
            ..self.template
        }));
        forms.add(template);
        template
    }

    /// The file's JSON, as it is stored and as documents carry it.
    pub fn json(&self) -> &Value {
        &self.json
    }
}

/// Checks a template file's JSON: every field as `build.rs` would, then the rules of
/// [`problems`], then its id against the built-in templates. Returns every problem found.
pub fn check(value: Value) -> Result<Checked, Vec<String>> {
    let mut out = Vec::new();
    walk(&value, &Ty::Struct("Template"), "Template", "", &mut out);
    if !out.is_empty() {
        return Err(out);
    }
    let Some((template, texts)) = build(&value) else {
        // `walk` accepted every field, so this cannot happen; say so rather than panic.
        return Err(vec![ft(FormMsg::FormNotObject).replace("{at}", "Template")]);
    };
    let id = template.id.trim();
    if id.is_empty() {
        out.push(ft(FormMsg::FormEmptyId).to_owned());
    } else if id.chars().count() > 100 {
        out.push(ft(FormMsg::FormLongId).to_owned());
    } else if Template::is_built_in(template.id) {
        out.push(fill(ft(FormMsg::FormBuiltInId), &[("id", template.id)]));
    }
    out.extend(problems(&template));
    if out.is_empty() {
        Ok(Checked {
            template,
            texts,
            json: value,
        })
    } else {
        Err(out)
    }
}

/// The template of a document, made sure of before anything reads it: a built-in one, or the
/// committee's form the document carries (checked and added to `forms`, unless `forms` holds the
/// same file already), or one `forms` holds from the device's own forms.
pub fn ensure(
    forms: &mut Forms,
    template_id: &str,
    title: &str,
    form: Option<&Value>,
) -> Result<&'static Template, Vec<String>> {
    if let Some(built_in) = Template::get(template_id) {
        return Ok(built_in);
    }
    if let Some(form) = form {
        if forms.has_file(template_id, form) {
            if let Some(template) = forms.get(template_id) {
                return Ok(template);
            }
        }
        let checked = check(form.clone())?;
        if checked.template.id != template_id {
            return Err(vec![fill(
                ft(FormMsg::FormOtherId),
                &[("found", checked.template.id), ("id", template_id)],
            )]);
        }
        return Ok(checked.register(forms));
    }
    forms.get(template_id).ok_or_else(|| {
        vec![fill(
            ft(FormMsg::FormUnknown),
            &[("title", title), ("template", template_id)],
        )]
    })
}

/// The JSON Schema of a template file, written from the same spec the checker and `build.rs`
/// use (`forms::spec`), so it cannot say otherwise; committed as `schema/template.schema.json`.
/// The rules across fields ([`problems`]) are beyond it.
pub fn json_schema() -> String {
    fn of(ty: &Ty, field: &str) -> Value {
        match ty {
            Ty::Str => serde_json::json!({ "type": "string" }),
            Ty::Num => {
                serde_json::json!({ "type": "integer", "minimum": 0, "maximum": largest(field) })
            }
            Ty::Bool => serde_json::json!({ "type": "boolean" }),
            Ty::Enum(name) => serde_json::json!({ "enum": variants(name) }),
            Ty::Opt(inner) => {
                serde_json::json!({ "anyOf": [of(inner, field), { "type": "null" }] })
            }
            Ty::List(inner) => serde_json::json!({ "type": "array", "items": of(inner, field) }),
            Ty::Struct(name) => serde_json::json!({ "$ref": format!("#/$defs/{name}") }),
        }
    }
    fn object(name: &str) -> serde_json::Map<String, Value> {
        let spec = fields(name);
        let mut properties = serde_json::Map::new();
        for (field, ty, _) in spec {
            properties.insert((*field).to_owned(), of(ty, field));
        }
        let required: Vec<&str> = spec
            .iter()
            .filter(|(_, _, default)| default.is_none())
            .map(|(field, _, _)| *field)
            .collect();
        let mut out = serde_json::Map::new();
        out.insert("type".into(), "object".into());
        out.insert("additionalProperties".into(), false.into());
        out.insert("properties".into(), Value::Object(properties));
        out.insert("required".into(), serde_json::json!(required));
        out
    }
    let mut root = serde_json::Map::new();
    root.insert(
        "$schema".into(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    root.insert("title".into(), "Tự soi template (mẫu biểu)".into());
    root.extend(object("Template"));
    let mut defs = serde_json::Map::new();
    for name in [
        "Section",
        "RatingListSpec",
        "ScoreGroup",
        "Signature",
        "ApprovalBlock",
        "Provenanced",
    ] {
        defs.insert(name.to_owned(), Value::Object(object(name)));
    }
    root.insert("$defs".into(), Value::Object(defs));
    let mut text = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default();
    text.push('\n');
    text
}

/// A reader of files that checks the committee's templates its documents carry and keeps them in
/// the caller's [`Forms`]: soan/, the workspace and the command line read through it; the home
/// page reads through a bare [`Forms`], so its wasm does not link the checker.
#[derive(Debug)]
pub struct Checking<'a>(pub &'a mut Forms);

impl FormCheck for Checking<'_> {
    fn knows(&self, id: &TemplateId) -> bool {
        self.0.get(id).is_some()
    }

    fn check(&mut self, id: &TemplateId, title: &str, form: &Value) -> Option<Result<(), String>> {
        Some(
            ensure(self.0, id, title, Some(form))
                .map(|_| ())
                .map_err(|problems| {
                    fill(
                        ft(FormMsg::FormImportBroken),
                        &[
                            ("title", title),
                            ("template", id),
                            ("problems", &problems.join(" ")),
                        ],
                    )
                }),
        )
    }
}

/// The rules a template must keep beyond its fields' types, held for the built-in templates by a
/// test and for a committee's file by [`check`]: unique section ids, a section not both required
/// and optional, one section per role, ratings and scores only on a yearly review and then with
/// their sections, score groups that make 100.
pub fn problems(t: &Template) -> Vec<String> {
    let mut out = Vec::new();
    if t.last_year.is_some_and(|last| last < t.first_year) || !(1990..=2100).contains(&t.first_year)
    {
        out.push(fill(
            ft(FormMsg::FormYears),
            &[
                ("first", &t.first_year.to_string()),
                ("last", &t.last_year.map_or("–".into(), |y| y.to_string())),
            ],
        ));
    }
    if t.identity.is_empty() {
        out.push(ft(FormMsg::FormNoIdentity).to_owned());
    }
    if t.sections.is_empty() {
        out.push(ft(FormMsg::FormNoSections).to_owned());
    }
    for (n, s) in t.sections.iter().enumerate() {
        if s.id.trim().is_empty() {
            out.push(fill(
                ft(FormMsg::FormEmptySectionId),
                &[("n", &(n + 1).to_string())],
            ));
        } else if t.sections[..n].iter().filter(|o| o.id == s.id).count() == 1 {
            // Named once, at its second use.
            out.push(fill(ft(FormMsg::FormDuplicateSection), &[("id", s.id)]));
        }
        if s.required && s.optional {
            out.push(fill(ft(FormMsg::FormRequiredOptional), &[("id", s.id)]));
        }
    }
    for role in variants("SectionRole") {
        let named = t
            .sections
            .iter()
            .filter(|s| s.role.is_some() && s.role == parse(role))
            .count();
        if named > 1 {
            out.push(fill(ft(FormMsg::FormDuplicateRole), &[("role", role)]));
        }
    }
    if t.sections.iter().filter(|s| s.remedies).count() > 1 {
        out.push(ft(FormMsg::FormDuplicateRemedies).to_owned());
    }
    let of_kind = |kind: SectionKind| t.sections.iter().filter(|s| s.kind == kind).count();
    if t.is_review() {
        if t.rating_lists.is_empty() {
            out.push(ft(FormMsg::FormReviewWithoutRatings).to_owned());
        }
        if (of_kind(SectionKind::Rating) == 1) == t.rating_lists.is_empty()
            || of_kind(SectionKind::Rating) > 1
        {
            out.push(ft(FormMsg::FormRatingSection).to_owned());
        }
        if (of_kind(SectionKind::Scores) == 1) == t.score_groups.is_empty()
            || of_kind(SectionKind::Scores) > 1
        {
            out.push(ft(FormMsg::FormScoresSection).to_owned());
        }
        if !t.score_groups.is_empty() && t.max_total() != 100 {
            out.push(fill(
                ft(FormMsg::FormScoresTotal),
                &[("total", &t.max_total().to_string())],
            ));
        }
    } else if !t.rating_lists.is_empty()
        || !t.score_groups.is_empty()
        || of_kind(SectionKind::Rating) + of_kind(SectionKind::Scores) > 0
    {
        let kind = name_of("DocKind", &t.document);
        out.push(fill(
            ft(FormMsg::FormRatingsOutsideReview),
            &[("kind", kind)],
        ));
    }
    for (n, g) in t.score_groups.iter().enumerate() {
        if t.score_groups[..n].iter().any(|o| o.id == g.id) {
            out.push(fill(ft(FormMsg::FormDuplicateGroup), &[("id", g.id)]));
        }
    }
    for (n, l) in t.rating_lists.iter().enumerate() {
        if t.rating_lists[..n].iter().any(|o| o.list == l.list) {
            let list = name_of("RatingList", &l.list);
            out.push(fill(ft(FormMsg::FormDuplicateList), &[("list", list)]));
        }
    }
    out
}

/// The name a template file gives a value of the spec's enum `name` (`self_check`).
fn name_of<T: DeserializeOwned + PartialEq>(name: &str, value: &T) -> &'static str {
    variants(name)
        .iter()
        .copied()
        .find(|v| parse::<T>(v).as_ref() == Some(value))
        .unwrap_or("")
}

fn parse<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(Value::String(name.to_owned())).ok()
}

/// Checks `value` against the spec's type `ty`, adding a sentence per problem to `out`. `at` is
/// where the value is (`sections[2].kind`); `context` names the section it is in, if any.
fn walk(value: &Value, ty: &Ty, at: &str, context: &str, out: &mut Vec<String>) {
    let place = if context.is_empty() {
        format!("“{at}”")
    } else {
        format!("“{at}” ({context})")
    };
    let say = |key: FormMsg, extra: &[(&str, &str)]| {
        let mut args = vec![("at", place.as_str())];
        args.extend_from_slice(extra);
        fill(ft(key), &args)
    };
    let field = at.rsplit('.').next().unwrap_or(at);
    let field = field.split('[').next().unwrap_or(field);
    match ty {
        Ty::Str if !value.is_string() => out.push(say(FormMsg::FormWrongText, &[])),
        Ty::Num if value.as_u64().is_none_or(|n| n > largest(field)) => out.push(say(
            FormMsg::FormWrongNumber,
            &[("max", &crate::base::number::format_count(largest(field)))],
        )),
        Ty::Bool if !value.is_boolean() => out.push(say(FormMsg::FormWrongBool, &[])),
        Ty::Enum(name) => {
            let names = variants(name);
            if !value.as_str().is_some_and(|v| names.contains(&v)) {
                let shown = value.as_str().map_or(value.to_string(), str::to_owned);
                let list: Vec<String> = names.iter().map(|n| format!("“{n}”")).collect();
                out.push(say(
                    FormMsg::FormWrongName,
                    &[("value", &shown), ("names", &list.join(", "))],
                ));
            }
        }
        Ty::Opt(inner) if !value.is_null() => walk(value, inner, at, context, out),
        Ty::List(inner) => match value.as_array() {
            None => out.push(say(FormMsg::FormWrongList, &[])),
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    let here = format!("{at}[{i}]");
                    let section = match (inner, item.get("id").and_then(Value::as_str)) {
                        (Ty::Struct("Section"), Some(id)) if !id.is_empty() => {
                            fill(ft(FormMsg::FormSectionOf), &[("id", id)])
                        }
                        _ => context.to_owned(),
                    };
                    walk(item, inner, &here, &section, out);
                }
            }
        },
        Ty::Struct(name) => {
            let Some(object) = value.as_object() else {
                out.push(say(FormMsg::FormNotObject, &[]));
                return;
            };
            let spec = fields(name);
            for key in object.keys() {
                if !spec.iter().any(|(f, _, _)| f == key) {
                    out.push(say(FormMsg::FormUnknownField, &[("field", key)]));
                }
            }
            for (f, ty, default) in spec {
                let child = if at == "Template" {
                    (*f).to_owned()
                } else {
                    format!("{at}.{f}")
                };
                match object.get(*f) {
                    Some(v) => walk(v, ty, &child, context, out),
                    None if default.is_none() => {
                        out.push(say(FormMsg::FormMissingField, &[("field", f)]))
                    }
                    None => {}
                }
            }
        }
        _ => {}
    }
}

/// Leaks a text into `'static`, as the built-in templates' statics are.
fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn leak_all<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

fn name<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// Builds the template from a file [`walk`] accepted: every field is there and of its type.
fn build(v: &Value) -> Option<(Template, Vec<SectionTexts>)> {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(leak);
    let opt_text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(leak);
    let number = |v: &Value, key: &str| v.get(key).and_then(Value::as_u64);
    let flag = |v: &Value, key: &str| v.get(key).and_then(Value::as_bool).unwrap_or(false);
    let list = |v: &Value, key: &str| -> Vec<Value> {
        v.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let id = text(v, "id")?;
    let mut sections = Vec::new();
    let mut texts = Vec::new();
    for s in list(v, "sections") {
        let section = Section {
            id: text(&s, "id")?,
            kind: parse(name(&s, "kind")?)?,
            heading: text(&s, "heading")?,
            optional: flag(&s, "optional"),
            required: flag(&s, "required"),
            verified: flag(&s, "verified"),
            min_chars: number(&s, "min_chars").map(|n| n as usize),
            remedies: flag(&s, "remedies"),
            role: match name(&s, "role") {
                Some(role) => Some(parse(role)?),
                None => None,
            },
            study: flag(&s, "study"),
        };
        let examples: Vec<&'static str> = list(&s, "examples")
            .iter()
            .filter_map(Value::as_str)
            .map(leak)
            .collect();
        let (note, hint) = (opt_text(&s, TIP_FIELDS[0]), opt_text(&s, TIP_FIELDS[1]));
        if note.is_some() || hint.is_some() || !examples.is_empty() {
            texts.push(SectionTexts {
                template: id,
                section: section.id,
                note,
                hint,
                examples: leak_all(examples),
            });
        }
        sections.push(section);
    }
    let mut rating_lists = Vec::new();
    for r in list(v, "rating_lists") {
        rating_lists.push(RatingListSpec {
            list: parse(name(&r, "list")?)?,
            label: text(&r, "label")?,
        });
    }
    let mut score_groups = Vec::new();
    for g in list(v, "score_groups") {
        score_groups.push(ScoreGroup {
            id: text(&g, "id")?,
            label: text(&g, "label")?,
            max: u8::try_from(number(&g, "max")?).ok()?,
        });
    }
    let mut approval_blocks = Vec::new();
    for b in list(v, "approval_blocks") {
        approval_blocks.push(ApprovalBlock {
            heading: opt_text(&b, "heading"),
            lines: leak_all(
                list(&b, "lines")
                    .iter()
                    .filter_map(Value::as_str)
                    .map(leak)
                    .collect(),
            ),
            signer: text(&b, "signer")?,
            signer_note: opt_text(&b, "signer_note"),
        });
    }
    let mut identity = Vec::new();
    for f in list(v, "identity") {
        identity.push(parse(f.as_str()?)?);
    }
    let subtitle = v.get("subtitle")?;
    let signature = v.get("signature")?;
    let year = |key: &str| number(v, key).and_then(|y| u16::try_from(y).ok());
    Some((
        Template {
            id,
            document: match name(v, "document") {
                Some(kind) => parse(kind)?,
                None => DocKind::Review,
            },
            guidance: text(v, "guidance")?,
            regulation: text(v, "regulation")?,
            code: text(v, "code")?,
            audience_text: text(v, "audience")?,
            audience: parse(name(v, "kind")?)?,
            first_year: year("first_year")?,
            last_year: year("last_year"),
            identity: leak_all(identity),
            rating_lists: leak_all(rating_lists),
            unverified: opt_text(v, "unverified"),
            title: text(v, "title")?,
            study_title: opt_text(v, "study_title"),
            opening: opt_text(v, "opening"),
            closing: opt_text(v, "closing"),
            subtitle: Provenanced {
                text: text(subtitle, "text")?,
                verified: flag(subtitle, "verified"),
            },
            sections: leak_all(sections),
            score_groups: leak_all(score_groups),
            signature: Signature {
                title: text(signature, "title")?,
                note: text(signature, "note")?,
            },
            approval_blocks: leak_all(approval_blocks),
            own_texts: &[],
            own_file: None,
        },
        texts,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");

    fn built_in_files() -> Vec<(String, Value)> {
        let mut files: Vec<_> = std::fs::read_dir(TEMPLATES)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                (
                    p.display().to_string(),
                    serde_json::from_str(&text).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn every_built_in_file_read_at_run_time_is_the_template_build_rs_made_of_it() {
        for (file, value) in built_in_files() {
            let mut out = Vec::new();
            walk(&value, &Ty::Struct("Template"), "Template", "", &mut out);
            assert_eq!(out, Vec::<String>::new(), "{file}");
            let (template, texts) = build(&value).expect(&file);
            let built_in = Template::get(template.id).unwrap();
            assert_eq!(&template, built_in, "{file}");
            for section in built_in.sections {
                let tip = texts.iter().find(|t| t.section == section.id);
                assert_eq!(tip.and_then(|t| t.note), built_in.note(section), "{file}");
                assert_eq!(tip.and_then(|t| t.hint), built_in.hint(section), "{file}");
                assert_eq!(
                    tip.map_or(&[][..], |t| t.examples),
                    built_in.examples(section),
                    "{file}"
                );
            }
            // Only its id stops it from being registered as a committee's own.
            let problems = check(value).unwrap_err();
            assert_eq!(problems.len(), 1, "{file}: {problems:?}");
            assert!(problems[0].contains("trùng với một mẫu có sẵn"), "{file}");
        }
    }

    #[test]
    fn every_built_in_template_keeps_the_rules_a_committee_file_is_held_to() {
        for t in Template::all() {
            assert_eq!(problems(t), Vec::<String>::new(), "{}", t.id);
        }
    }

    #[test]
    fn the_spec_names_every_value_the_enums_take_and_no_other() {
        use crate::forms::field::HeaderField;
        use crate::forms::rating::RatingList;
        use crate::forms::template::{Audience, SectionRole};
        fn all<T: DeserializeOwned>(name: &str) -> usize {
            let names = variants(name);
            assert!(names.iter().all(|n| parse::<T>(n).is_some()), "{name}");
            assert!(parse::<T>("khong_co").is_none());
            names.len()
        }
        assert_eq!(all::<DocKind>("DocKind"), 5);
        assert_eq!(all::<Audience>("Audience"), Audience::ALL.len());
        assert_eq!(all::<HeaderField>("HeaderField"), HeaderField::EVERY.len());
        assert_eq!(all::<RatingList>("RatingList"), 2);
        assert_eq!(all::<SectionKind>("SectionKind"), 6);
        assert_eq!(all::<SectionRole>("SectionRole"), 6);
        assert_eq!(
            name_of("SectionRole", &SectionRole::PledgeResults),
            "pledge_results"
        );
    }

    fn example() -> Value {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/examples/mau-rieng-cam-ket.json"
        ))
        .unwrap();
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn the_documented_example_passes_and_is_found_once_registered() {
        check(example()).expect("docs/examples/mau-rieng-cam-ket.json");
        let file = example();
        let checked = check(file.clone()).unwrap();
        let id = checked.template.id;
        let mut forms = Forms::default();
        assert!(forms.get(id).is_none());
        let registered = checked.register(&mut forms);
        assert_eq!(forms.get(id), Some(registered));
        assert!(forms.custom().contains(&registered));
        assert_eq!(registered.own_file, Some(&file));
        assert!(forms.has_file(id, &file));
        assert!(registered.is_pledge());
        // Only the value it was added to knows it: nothing is registered for the process.
        assert!(Template::get(id).is_none());
        assert!(Forms::default().get(id).is_none());
        // The section texts come with it.
        let with_hint = registered
            .sections
            .iter()
            .find(|s| registered.hint(s).is_some());
        assert!(with_hint.is_some());
        // The committee's pledge form is the one proposed for its years.
        assert_eq!(forms.pledge_for(registered.first_year), registered);
        forms.remove(id);
        assert!(forms.get(id).is_none());
        assert!(!forms.pledge_for(registered.first_year).id.eq(id));
    }

    #[test]
    fn a_broken_file_names_every_problem_with_where_it_is() {
        let mut v = example();
        v["id"] = "HD43-2025/2B".into();
        v["kind"] = "chi_bo".into();
        v["first_year"] = "2026".into();
        v["colour"] = "đỏ".into();
        v.as_object_mut().unwrap().remove("title");
        v["sections"][1]["kind"] = "table".into();
        v["sections"][2]["required"] = "có".into();
        let problems = check(v).unwrap_err();
        let all = problems.join("\n");
        assert_eq!(problems.len(), 6, "{all}");
        for expected in [
            "“kind”: “chi_bo” không dùng được; chọn một trong: “leader”, “member”, “outside”, “collective”.",
            "“first_year”: phải là số nguyên từ 0 đến 2.100.",
            "“Template”: có trường “colour” mà mẫu biểu không có (viết sai tên?).",
            "“Template”: thiếu trường “title”.",
            "“sections[1].kind” (mục “2”): “table” không dùng được",
            "“sections[2].required” (mục “3”): phải là true hoặc false.",
        ] {
            assert!(all.contains(expected), "{expected}\n---\n{all}");
        }
        // Once the fields are right, the rules: the built-in id, two sections of one id, a section
        // both required and optional, two remedy sections.
        let mut v = example();
        v["id"] = "HD43-2025/2B".into();
        v["sections"][1]["id"] = v["sections"][0]["id"].clone();
        v["sections"][2]["optional"] = true.into();
        v["sections"][2]["required"] = true.into();
        v["sections"][3]["remedies"] = true.into();
        v["sections"][4]["remedies"] = true.into();
        let problems = check(v).unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems[0].contains("trùng với một mẫu có sẵn"));
        assert!(problems[1].starts_with("Mã mục “1” dùng cho nhiều mục"));
        assert!(problems[2].contains("vừa bắt buộc"));
        assert!(problems[3].contains("biện pháp khắc phục"));
    }

    #[test]
    fn a_review_form_is_held_to_its_ratings_and_its_100_points() {
        let (_, mau_2b) = built_in_files()
            .into_iter()
            .find(|(f, _)| f.ends_with("HD43-2025-2B.json"))
            .unwrap();
        let mut v = mau_2b.clone();
        v["id"] = "DB-THU/2B-rieng".into();
        assert!(check(v.clone()).is_ok());
        v["score_groups"][1]["max"] = 60.into();
        v["rating_lists"] = Value::Array(vec![]);
        let problems = check(v).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("cần ít nhất một danh sách xếp loại"));
        assert!(problems[1].contains("đúng một mục “kind”: “rating”"));
        assert!(problems[2].contains("được 90 điểm tối đa; phải là 100"));
        // A number that would not fit is refused, not cut.
        let mut v = mau_2b;
        v["id"] = "DB-THU/2B-rieng".into();
        v["score_groups"][0]["max"] = 300.into();
        let problems = check(v).unwrap_err();
        assert!(
            problems[0].starts_with("“score_groups[0].max”: phải là số nguyên từ 0 đến 100."),
            "{problems:?}"
        );
    }

    #[test]
    fn committed_template_schema_matches_the_spec() {
        let generated = json_schema();
        crate::base::util::tests::assert_schema_committed("template.schema.json", &generated);
        let schema: Value = serde_json::from_str(&generated).unwrap();
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(
            schema["$defs"]["Section"]["properties"]["kind"]["enum"],
            serde_json::json!([
                "heading",
                "text",
                "scores",
                "rating",
                "commitments",
                "questions"
            ])
        );
        assert!(schema["required"]
            .as_array()
            .unwrap()
            .contains(&"sections".into()));
    }

    #[test]
    fn a_document_s_own_form_is_registered_when_it_opens_and_an_unknown_one_is_named() {
        let form = example();
        let id = form["id"].as_str().unwrap().to_owned();
        let mut forms = Forms::default();
        let err = ensure(&mut forms, &id, "Cam kết 2026", None).unwrap_err();
        assert!(
            err[0].starts_with("Văn bản “Cam kết 2026” theo mẫu"),
            "{err:?}"
        );
        let template = ensure(&mut forms, &id, "Cam kết 2026", Some(&form)).unwrap();
        assert_eq!(forms.get(&id), Some(template));
        // The same file again is the same template; another id is refused.
        assert!(std::ptr::eq(
            ensure(&mut forms, &id, "", Some(&form)).unwrap(),
            template
        ));
        let err = ensure(&mut forms, "DB-KHAC/x", "", Some(&form)).unwrap_err();
        assert!(err[0].contains("khác mã “DB-KHAC/x”"), "{err:?}");
        // A built-in id never looks at a form.
        assert_eq!(
            ensure(&mut forms, "HD43-2025/2B", "", Some(&form))
                .unwrap()
                .id,
            "HD43-2025/2B"
        );
        // Once held, the template is found without the document's copy.
        assert_eq!(ensure(&mut forms, &id, "", None), Ok(template));
    }

    #[test]
    fn a_reader_that_checks_keeps_a_carried_form_and_one_that_does_not_takes_it_on_its_id() {
        use crate::forms::template::FormCheck as _;
        let form = example();
        let id = form["id"].as_str().unwrap().to_owned();
        let mut forms = Forms::default();
        assert_eq!(forms.check(&id, "Cam kết", &form), None);
        assert!(!forms.knows(&id), "the home page's reader keeps nothing");
        assert_eq!(
            Checking(&mut forms).check(&id, "Cam kết", &form),
            Some(Ok(()))
        );
        assert!(forms.knows(&id));
        let mut broken = form.clone();
        broken["sections"] = serde_json::json!([]);
        let mut other = Forms::default();
        let said = Checking(&mut other).check(&id, "Cam kết", &broken);
        assert!(
            matches!(&said, Some(Err(m)) if m.starts_with("Văn bản “Cam kết” theo mẫu riêng")),
            "{said:?}"
        );
        assert!(!other.knows(&id), "a broken form is not kept");
    }
}
