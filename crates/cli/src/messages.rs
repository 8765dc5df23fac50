//! What the command says, in Vietnamese (the organisation staff who run it read Vietnamese), in
//! one place like the app's catalogues. `{name}` placeholders are filled by [`fill`].

/// A message of the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CliMsg {
    Usage,
    NoYear,
    BadNumber,
    BadCap,
    UnknownOption,
    NoFolder,
    NotAFolder,
    CannotWrite,
    CannotRead,
    Sealed,
    PassphraseFile,
    DuplicateFile,
    CountedElsewhere,
    RollupAccepted,
    UnitTwice,
    RollupOtherYear,
    ComparedOnly,
    DecidedLevels,
    RosterProblem,
    Reading,
    Done,
    Refused,
    SetAside,
    QuotaUnits,
    Copies,
    NoMeasurable,
    Wrote,
    TimeAndMemory,
    Strict,
    Generated,
}

impl CliMsg {
    pub const ALL: [CliMsg; 30] = [
        CliMsg::Usage,
        CliMsg::NoYear,
        CliMsg::BadNumber,
        CliMsg::BadCap,
        CliMsg::UnknownOption,
        CliMsg::NoFolder,
        CliMsg::NotAFolder,
        CliMsg::CannotWrite,
        CliMsg::CannotRead,
        CliMsg::Sealed,
        CliMsg::PassphraseFile,
        CliMsg::DuplicateFile,
        CliMsg::CountedElsewhere,
        CliMsg::RollupAccepted,
        CliMsg::UnitTwice,
        CliMsg::RollupOtherYear,
        CliMsg::ComparedOnly,
        CliMsg::DecidedLevels,
        CliMsg::RosterProblem,
        CliMsg::Reading,
        CliMsg::Done,
        CliMsg::Refused,
        CliMsg::SetAside,
        CliMsg::QuotaUnits,
        CliMsg::Copies,
        CliMsg::NoMeasurable,
        CliMsg::Wrote,
        CliMsg::TimeAndMemory,
        CliMsg::Strict,
        CliMsg::Generated,
    ];

    pub fn text(self) -> &'static str {
        match self {
            CliMsg::Usage => "Cách dùng:\n  tusoi-cli rollup --year NĂM [--out THƯ_MỤC] [--cap 20|25] [--texts] [--strict] [--quiet] [--passphrase-file TỆP] THƯ_MỤC...\n      Tổng hợp các tệp của đảng viên (mỗi thư mục con chứa tệp là một chi bộ, danh sách ở danh-sach.csv) và các tệp tổng hợp của chi bộ.\n      Ghi vào THƯ_MỤC ra (mặc định tong-hop-NĂM): rollup.json, members.ndjson, copies.json, files.tsv, run.json.\n      --texts: ghi cả nội dung văn bản vào members.ndjson. --strict: trả mã lỗi 1 khi có tệp bị từ chối hoặc để riêng.\n      --passphrase-file: tệp chứa mật khẩu (dòng đầu) để mở các tệp có mật khẩu; mật khẩu không ghi ra đâu cả.\n  tusoi-cli generate --out THƯ_MỤC [--members SỐ] [--units SỐ] [--orgs SỐ] [--year NĂM] [--seed SỐ] [--year-end] [--rollups PHẦN_TRĂM]\n      Tạo một tỉnh giả lập (mặc định 64.089 đảng viên, 3.317 chi bộ, 1.148 đảng bộ) để đo và kiểm thử.\n      --year-end: mỗi tệp có bản kiểm điểm năm NĂM và bản cam kết năm NĂM+1, như khi kiểm điểm cuối năm.\n      --rollups: phần trăm số chi bộ gửi tệp tổng hợp sau hội nghị (biểu quyết, chi bộ đề xuất, cấp ủy quyết định, xếp loại lại, bản giấy) thay cho tệp của từng đảng viên.",
            CliMsg::NoYear => "Chưa có năm tổng hợp: thêm --year, ví dụ --year 2026.",
            CliMsg::BadNumber => "Giá trị của {option} phải là một số: «{value}».",
            CliMsg::BadCap => "--cap chỉ nhận 20 hoặc 25 (phần trăm): số đảng viên hoàn thành xuất sắc nhiệm vụ không quá 20% số hoàn thành tốt nhiệm vụ, hoặc 25% nơi cấp có thẩm quyền cho phép (QĐ 366, Điều 11). Không dùng được «{value}».",
            CliMsg::UnknownOption => "Không hiểu tuỳ chọn «{option}».",
            CliMsg::NoFolder => "Chưa có thư mục nào để đọc.",
            CliMsg::NotAFolder => "«{path}» không phải là thư mục đọc được: {reason}",
            CliMsg::CannotWrite => "Không ghi được «{path}»: {reason}. Không có gì đã đọc bị thay đổi; hãy chọn thư mục ra khác (--out).",
            CliMsg::CannotRead => "Không đọc được tệp: {reason}.",
            CliMsg::Sealed => "Tệp có mật khẩu (“Xuất có mật khẩu”): chưa có mật khẩu để mở, nên không tính. Hãy ghi mật khẩu chi bộ đã thống nhất vào một tệp rồi chạy lại với --passphrase-file TỆP.",
            CliMsg::PassphraseFile => "Không đọc được mật khẩu từ “{path}”: {reason}. Tệp này chứa mật khẩu trên dòng đầu.",
            CliMsg::DuplicateFile => "Trùng từng byte với tệp «{other}»: chỉ tính một lần.",
            CliMsg::CountedElsewhere => "Tài liệu «{title}» đã được tính ở «{unit}» (tệp «{other}»): không tính lại.",
            CliMsg::RollupAccepted => "Tệp tổng hợp của {units} chi bộ, {members} đảng viên.",
            CliMsg::UnitTwice => "«{chi_bo}» đã được tính ở tệp «{other}»: không tính lại.",
            CliMsg::DecidedLevels => "Theo quyết định của cấp ủy (đã có với {decided}/{rated} đồng chí được xếp loại):",
            CliMsg::ComparedOnly => "Thư mục không có tài liệu nào của năm tổng hợp, chỉ để so sánh: {reason}",
            CliMsg::RollupOtherYear => "Tệp tổng hợp năm {found}, không phải năm {year}: để riêng.",
            CliMsg::RosterProblem => "Danh sách «{path}»: {message}",
            CliMsg::Reading => "Đang đọc",
            CliMsg::Done => "Tổng hợp năm {year}: {units} chi bộ, {files} tệp đã đọc.",
            CliMsg::Refused => "Tệp bị từ chối: {count}.",
            CliMsg::SetAside => "Tài liệu để riêng (năm khác, chi bộ khác, trùng tên…): {count}.",
            CliMsg::QuotaUnits => "Chi bộ có đề xuất HTXSNV vượt giới hạn ({cap}% số HTTNV, hoặc mức chi bộ đã chọn trong tệp tổng hợp) ở ít nhất một nhóm: {count} (theo đề xuất), {allowed} (theo mức điểm cho phép).",
            CliMsg::Copies => "Nhóm nội dung sao chép giống nhau: {groups}, lớn nhất {largest} đồng chí.",
            CliMsg::NoMeasurable => "Bản cam kết không có cam kết nào đo được: {count}.",
            CliMsg::Wrote => "Đã ghi vào «{path}»: rollup.json, members.ndjson, copies.json, files.tsv, run.json.",
            CliMsg::TimeAndMemory => "Thời gian: {seconds} giây; bộ nhớ đỉnh: {memory}.",
            CliMsg::Strict => "Có tệp bị từ chối hoặc để riêng (--strict): mã thoát 1.",
            CliMsg::Generated => "Đã tạo {members} đảng viên trong {units} chi bộ: {files} tệp, {size}, vào «{path}» ({seconds} giây).",
        }
    }
}

/// A message with its `{name}` placeholders filled.
pub fn fill(msg: CliMsg, args: &[(&str, &str)]) -> String {
    let mut text = msg.text().to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_vietnamese_and_its_placeholders_are_closed() {
        for msg in CliMsg::ALL {
            let text = msg.text();
            assert!(
                text.chars()
                    .any(|c| "ăâđêôơưàáạảãèéẹẻẽìíịỉĩòóọỏõùúụủũỳýỵỷỹ".contains(c)),
                "{msg:?} has no Vietnamese letter"
            );
            assert_eq!(
                text.matches('{').count(),
                text.matches('}').count(),
                "{msg:?}"
            );
        }
        assert_eq!(
            fill(CliMsg::Refused, &[("count", "3")]),
            "Tệp bị từ chối: 3."
        );
    }
}
