//! The chi bộ workspace's own message catalogue: kept apart from `base::messages` so that none of
//! these texts is in the member's bundle.

use crate::base::messages::{catalogue, fill};

catalogue! {
    ChiBoMsg, ct;

    // Receiving files.
    FileAccepted => "Đã nhận: {documents} của {member}.",
    FileRefused => "Không nhận “{file}”: {reason}",
    FileOtherYear => "“{title}” là của năm {found}, kỳ tổng hợp này là năm {year}: để riêng, không tính.",
    FileOtherChiBo => "“{title}” ghi chi bộ “{found}”, không phải “{chi_bo}”: để riêng, hỏi lại đồng chí {member}.",
    FileNoName => "“{title}” chưa ghi họ và tên: không biết là của ai, để riêng.",
    FileAmbiguous => "Có {count} đồng chí tên {member} trong danh sách; “{title}” chưa ghi ngày sinh nên chưa biết là của ai: để riêng.",
    FileNotInRoster => "{member} chưa có trong danh sách chi bộ: vẫn nhận, hãy thêm vào danh sách nếu đúng.",
    FileResubmitted => "{member} gửi lại “{title}”: dùng bản mới hơn (lưu lúc {newer}), bản cũ (lưu lúc {older}) vẫn giữ để xem.",
    FileLastYear => "“{title}” là bản năm {found} của {member}: dùng để đối chiếu năm trước.",
    DocumentsCount => "{count} tài liệu",

    // The roster.
    GroupLeader => "Lãnh đạo, quản lý",
    GroupMember => "Không giữ chức vụ lãnh đạo, quản lý",
    GroupOutside => "Ngoài hệ thống chính trị",
    ExemptWork => "Miễn công tác và sinh hoạt đảng",
    ExemptSuspended => "Đình chỉ sinh hoạt đảng",
    ExemptNewMember => "Kết nạp chưa đủ 6 tháng",
    RosterLineUnread => "Dòng {line} chưa đọc được: “{text}”. Cần họ và tên, rồi ngày sinh (dd/mm/yyyy) nếu có, cách nhau bởi dấu phẩy hoặc dấu chấm phẩy.",
    RosterBadDate => "Dòng {line}: ngày sinh “{text}” không đúng dạng dd/mm/yyyy.",
    RosterBadGroup => "Dòng {line}: nhóm “{text}” không rõ; ghi “lãnh đạo quản lý”, “không giữ chức vụ” hoặc “ngoài hệ thống chính trị”.",
    RosterTwice => "Dòng {line}: {member} đã có trong danh sách (trùng họ tên và ngày sinh).",

    // The summary in the reports' words.
    SummaryLevel => "{count}/{rated} đồng chí {level}, chiếm {percent}",
    SummaryHeadcount => "Tổng số đảng viên: {members}; được miễn kiểm điểm: {exempt}; chưa kiểm điểm: {missing}; đã kiểm điểm, xếp loại: {rated}.",
    SummaryRounding => "Tỷ lệ tính trên số đảng viên đã kiểm điểm, xếp loại, làm tròn đến hai chữ số thập phân (từ 5 trở lên làm tròn lên).",
    SummaryNone => "Chưa có đồng chí nào được kiểm điểm, xếp loại.",

    // The quota.
    QuotaWithin => "{group}: {htxs} đồng chí đề xuất hoàn thành xuất sắc nhiệm vụ, trong giới hạn {cap}% của {httnv} đồng chí hoàn thành tốt nhiệm vụ (tối đa {max}).",
    QuotaOver => "{group}: {htxs} đồng chí đề xuất hoàn thành xuất sắc nhiệm vụ, vượt {over} so với giới hạn {cap}% của {httnv} đồng chí hoàn thành tốt nhiệm vụ (tối đa {max}). Chi bộ xem xét; cấp có thẩm quyền quyết định.",
    QuotaByPoints => "Theo điểm tự chấm: {htxs} đồng chí đủ điểm hoàn thành xuất sắc, {httnv} đồng chí ở mức hoàn thành tốt; tối đa {max} theo giới hạn {cap}%.",

    // Checks across the documents.
    CheckAboveCeiling => "{member} đề xuất “{proposed}” nhưng tổng điểm {total} chỉ cho phép tối đa “{allowed}”.",
    CheckAboveCivil => "{member} tự xếp loại đảng viên “{party}” cao hơn mức cán bộ, công chức “{civil}”.",
    CheckHeadAboveCollective => "{member} (người đứng đầu) tự xếp loại “{head}” cao hơn mức của tập thể “{collective}”.",
    CheckCarriedNoStatus => "{member} chưa nêu mức khắc phục của {count} hạn chế, khuyết điểm năm trước.",
    CheckTwoYearsFailed => "{member} ở mức “Không hoàn thành nhiệm vụ” hai năm liền ({previous} và {year}).",
    CheckCollectiveDisciplined => "Tập thể đề xuất “Hoàn thành xuất sắc nhiệm vụ” trong khi {member} (lãnh đạo) trả lời có bị kỷ luật trong năm.",
    CheckNoRating => "{member} đã gửi bản kiểm điểm nhưng chưa tự xếp loại: chưa tính là đã kiểm điểm.",
    CheckNoMeasurable => "Bản cam kết của {member} không có cam kết nào có chỉ tiêu đo được và thời hạn.",

    // Roll-up files.
    RollupNotJson => "Tệp không phải tệp tổng hợp hợp lệ (không đọc được JSON). Hãy xin lại tệp từ chi bộ.",
    RollupNotOurs => "Tệp không phải tệp tổng hợp của Tự soi. Hãy chọn tệp “tong-hop-…json” do chi bộ gửi.",
    RollupTooNew => "Tệp tổng hợp do phiên bản mới hơn tạo (phiên bản định dạng {found}). Hãy cập nhật ứng dụng rồi mở lại.",
    RollupInconsistent => "Các con số trong tệp không khớp nhau (tổng số khác miễn + chưa kiểm điểm + đã xếp loại). Tệp có thể đã bị sửa; hãy xin lại tệp từ chi bộ.",
    RollupOtherYear => "Tệp là tổng hợp năm {found}, không gộp được với năm {expected}.",
    RollupUnitTwice => "{chi_bo} đã được tính một lần; không gộp lần nữa để khỏi đếm trùng.",

    // Copies.
    CopyGroup => "{count} đồng chí có nội dung giống nhau {percent}: {members}.",
}

/// [`ct`] followed by [`fill`].
pub fn ctf(key: ChiBoMsg, args: &[(&str, &str)]) -> String {
    fill(ct(key), args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::messages::tests::VIETNAMESE_LETTERS;

    #[test]
    fn every_key_of_the_workspace_has_vietnamese_text_with_balanced_placeholders() {
        for &key in ChiBoMsg::ALL {
            let text = ct(key);
            assert!(
                text.to_lowercase()
                    .chars()
                    .any(|c| VIETNAMESE_LETTERS.contains(c)),
                "{key:?}: {text}"
            );
            assert_eq!(
                text.matches('{').count(),
                text.matches('}').count(),
                "{key:?}"
            );
        }
    }
}
