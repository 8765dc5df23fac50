//! The member's profile ("Thông tin của tôi", issue 16 item 4): who the member is and where, typed
//! once on the settings page and filled into every new document (a blank one, a pledge, next
//! year's documents made from last year's). A document keeps its own copy: changing it there does
//! not change the profile. A blank document gets the profile's fields; one made from last year's
//! gets the profile's where it has them (it is what the member says now: a new position, another
//! chi bộ) and keeps last year's for the rest.

use crate::forms::field::HeaderField;
use crate::model::document::Document;

/// The fields of the header and identity a profile holds: all but the date of writing and a
/// collective's name.
pub const PROFILE_FIELDS: [HeaderField; 9] = [
    HeaderField::FullName,
    HeaderField::BirthDate,
    HeaderField::DangBo,
    HeaderField::ChiBo,
    HeaderField::WorkUnit,
    HeaderField::PartyPosition,
    HeaderField::GovernmentPosition,
    HeaderField::UnionPosition,
    HeaderField::Place,
];

/// The member's profile. Every field may be empty. Stored as a JSON object of the fields'
/// names in a document (`full_name`, `chi_bo`, …; [`Profile::to_json`]), read and written by
/// hand: serde's derived code for it cost the first load more than its few lines do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub full_name: String,
    /// `YYYY-MM-DD`, or empty.
    pub birth_date: String,
    pub dang_bo: String,
    pub chi_bo: String,
    pub work_unit: String,
    pub party_position: String,
    pub government_position: String,
    pub union_position: String,
    /// The place in "…, ngày … tháng … năm …".
    pub place: String,
}

/// The name of a profile field in its JSON, the same as in a document's.
fn key(field: HeaderField) -> &'static str {
    match field {
        HeaderField::FullName => "full_name",
        HeaderField::BirthDate => "birth_date",
        HeaderField::DangBo => "dang_bo",
        HeaderField::ChiBo => "chi_bo",
        HeaderField::WorkUnit => "work_unit",
        HeaderField::PartyPosition => "party_position",
        HeaderField::GovernmentPosition => "government_position",
        HeaderField::UnionPosition => "union_position",
        HeaderField::Place => "place",
        HeaderField::Date => "date",
        HeaderField::CollectiveName => "collective_name",
        HeaderField::AdmissionDate => "admission_date",
        HeaderField::TransferDate => "transfer_date",
        HeaderField::StudySubject => "study_subject",
    }
}

impl Profile {
    fn slot(&mut self, field: HeaderField) -> Option<&mut String> {
        Some(match field {
            HeaderField::FullName => &mut self.full_name,
            HeaderField::BirthDate => &mut self.birth_date,
            HeaderField::DangBo => &mut self.dang_bo,
            HeaderField::ChiBo => &mut self.chi_bo,
            HeaderField::WorkUnit => &mut self.work_unit,
            HeaderField::PartyPosition => &mut self.party_position,
            HeaderField::GovernmentPosition => &mut self.government_position,
            HeaderField::UnionPosition => &mut self.union_position,
            HeaderField::Place => &mut self.place,
            HeaderField::Date
            | HeaderField::CollectiveName
            | HeaderField::AdmissionDate
            | HeaderField::TransferDate
            | HeaderField::StudySubject => return None,
        })
    }

    /// The value of a field, empty for one a profile does not hold.
    pub fn get(&self, field: HeaderField) -> &str {
        match field {
            HeaderField::FullName => &self.full_name,
            HeaderField::BirthDate => &self.birth_date,
            HeaderField::DangBo => &self.dang_bo,
            HeaderField::ChiBo => &self.chi_bo,
            HeaderField::WorkUnit => &self.work_unit,
            HeaderField::PartyPosition => &self.party_position,
            HeaderField::GovernmentPosition => &self.government_position,
            HeaderField::UnionPosition => &self.union_position,
            HeaderField::Place => &self.place,
            HeaderField::Date
            | HeaderField::CollectiveName
            | HeaderField::AdmissionDate
            | HeaderField::TransferDate
            | HeaderField::StudySubject => "",
        }
    }

    /// Sets a field, trimmed; a field a profile does not hold is ignored.
    pub fn set(&mut self, field: HeaderField, value: &str) {
        self.set_typed(field, value.trim());
    }

    /// Sets a field as typed so far (spaces and all, while the member types).
    pub fn set_typed(&mut self, field: HeaderField, value: &str) {
        if let Some(slot) = self.slot(field) {
            value.clone_into(slot);
        }
    }

    /// The profile with every field trimmed, as it is saved.
    pub fn trimmed(&self) -> Profile {
        let mut out = Profile::default();
        for field in PROFILE_FIELDS {
            out.set(field, self.get(field));
        }
        out
    }

    /// A profile taken from what a document says (to start one from the member's latest draft).
    pub fn of(document: &Document) -> Profile {
        let mut profile = Profile::default();
        for field in PROFILE_FIELDS {
            profile.set(field, document.field(field));
        }
        profile
    }

    /// The profile as a JSON object.
    pub fn to_json(&self) -> String {
        let object: serde_json::Map<String, serde_json::Value> = PROFILE_FIELDS
            .iter()
            .map(|f| (key(*f).to_owned(), self.get(*f).into()))
            .collect();
        serde_json::Value::Object(object).to_string()
    }

    /// A stored profile; fields it lacks, or that are not text, are empty, unknown ones ignored.
    pub fn from_json(text: &str) -> Option<Profile> {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        let object = value.as_object()?;
        let mut profile = Profile::default();
        for field in PROFILE_FIELDS {
            if let Some(text) = object.get(key(field)).and_then(serde_json::Value::as_str) {
                profile.set(field, text);
            }
        }
        Some(profile)
    }

    pub fn is_empty(&self) -> bool {
        PROFILE_FIELDS.iter().all(|f| self.get(*f).is_empty())
    }

    /// Fills the document's fields from the profile and returns how many changed: only its empty
    /// ones, or (`over`, for a document made from last year's) every one the profile has.
    pub fn fill(&self, document: &mut Document, over: bool) -> usize {
        let mut filled = 0;
        for field in PROFILE_FIELDS {
            let value = self.get(field);
            if (over || document.field(field).trim().is_empty())
                && !value.is_empty()
                && document.set_field(field, value.to_owned())
            {
                filled += 1;
            }
        }
        filled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::template::Template;
    use crate::model::document::Edit;

    fn profile() -> Profile {
        let mut p = Profile::default();
        for (field, value) in [
            (HeaderField::FullName, " Nguyễn Thị Hoa "),
            (HeaderField::BirthDate, "1985-04-30"),
            (HeaderField::DangBo, "Đảng bộ phường Tân Phú"),
            (HeaderField::ChiBo, "Chi bộ khu phố 3"),
            (HeaderField::WorkUnit, "Trường Tiểu học Tân Phú"),
            (HeaderField::Place, "Tân Phú"),
            (HeaderField::Date, "2026-12-01"),
            (HeaderField::CollectiveName, "Chi bộ"),
        ] {
            p.set(field, value);
        }
        p
    }

    #[test]
    fn a_profile_holds_every_field_but_the_date_and_a_collectives_name_trimmed() {
        let p = profile();
        assert_eq!(p.get(HeaderField::FullName), "Nguyễn Thị Hoa");
        assert_eq!(p.get(HeaderField::ChiBo), "Chi bộ khu phố 3");
        assert_eq!(p.get(HeaderField::Date), "");
        assert_eq!(p.get(HeaderField::CollectiveName), "");
        assert!(!p.is_empty());
        assert!(Profile::default().is_empty());
        for field in PROFILE_FIELDS {
            let mut q = Profile::default();
            q.set(field, "x");
            assert_eq!(q.get(field), "x", "{field:?}");
            assert!(PROFILE_FIELDS
                .iter()
                .filter(|f| **f != field)
                .all(|f| q.get(*f).is_empty()));
        }
        assert_eq!(Profile::from_json(&p.to_json()), Some(p.clone()));
        let mut typing = Profile::default();
        typing.set_typed(HeaderField::FullName, " Hoa ");
        assert_eq!(typing.get(HeaderField::FullName), " Hoa ");
        assert_eq!(typing.trimmed().get(HeaderField::FullName), "Hoa");
        assert!(p.to_json().contains("\"chi_bo\":\"Chi bộ khu phố 3\""));
        assert_eq!(Profile::from_json("{}"), Some(Profile::default()));
        assert_eq!(
            Profile::from_json("{\"chi_bo\": 3, \"place\": \"Huế\", \"x\": 1}")
                .map(|p| (p.chi_bo, p.place)),
            Some((String::new(), "Huế".to_owned()))
        );
        assert_eq!(Profile::from_json("[]"), None);
        assert_eq!(Profile::from_json("{"), None);
    }

    #[test]
    fn filling_a_new_document_writes_only_its_empty_fields() {
        let template = Template::get("HD43-2025/2B").expect("2B");
        let mut d = Document::new("d1".into(), template, 2026, "2026-12-01T00:00:00.000Z");
        d.apply(Edit::Field(
            HeaderField::WorkUnit,
            "Phòng Giáo dục quận".into(),
        ));
        let p = profile();
        assert_eq!(
            p.fill(&mut d, false),
            5,
            "name, birth date, đảng bộ, chi bộ, place"
        );
        assert_eq!(d.field(HeaderField::FullName), "Nguyễn Thị Hoa");
        assert_eq!(d.field(HeaderField::ChiBo), "Chi bộ khu phố 3");
        assert_eq!(
            d.field(HeaderField::WorkUnit),
            "Phòng Giáo dục quận",
            "the document's own stays"
        );
        assert_eq!(
            d.field(HeaderField::Date),
            "",
            "the date of writing is the document's"
        );
        assert_eq!(p.fill(&mut d, false), 0, "nothing left to fill");
        assert_eq!(Profile::default().fill(&mut d, true), 0);
    }

    #[test]
    fn a_profile_taken_from_a_document_fills_another_with_the_same_fields() {
        let template = Template::get("HD43-2025/2B").expect("2B");
        let mut source = Document::new("d1".into(), template, 2025, "2025-12-01T00:00:00.000Z");
        profile().fill(&mut source, false);
        source.apply(Edit::Field(HeaderField::Date, "2025-12-01".into()));
        let taken = Profile::of(&source);
        assert_eq!(taken.get(HeaderField::ChiBo), "Chi bộ khu phố 3");
        assert_eq!(taken.get(HeaderField::Date), "", "not the date of writing");
        let mut fresh = Document::new("d2".into(), template, 2026, "2026-12-01T00:00:00.000Z");
        taken.fill(&mut fresh, false);
        for field in PROFILE_FIELDS {
            assert_eq!(fresh.field(field), source.field(field), "{field:?}");
        }
    }

    #[test]
    fn a_document_made_from_last_years_takes_the_profiles_fields_and_keeps_last_years_for_the_rest()
    {
        let template = Template::get("HD43-2025/2B").expect("2B");
        let mut d = Document::new("d1".into(), template, 2027, "2027-12-01T00:00:00.000Z");
        d.apply(Edit::Field(HeaderField::ChiBo, "Chi bộ khu phố 1".into()));
        d.apply(Edit::Field(
            HeaderField::PartyPosition,
            "Chi uỷ viên".into(),
        ));
        let p = profile();
        assert_eq!(p.fill(&mut d, true), 6);
        assert_eq!(
            d.field(HeaderField::ChiBo),
            "Chi bộ khu phố 3",
            "the member moved"
        );
        assert_eq!(
            d.field(HeaderField::PartyPosition),
            "Chi uỷ viên",
            "the profile has none"
        );
    }
}
