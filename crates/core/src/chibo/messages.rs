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
    FileResubmitted => "{member} gửi lại “{title}”: dùng bản mới hơn (lưu ngày {newer}), bản cũ (lưu ngày {older}) vẫn giữ để xem.",
    FileLastYear => "“{title}” là bản năm {found} của {member}: dùng để đối chiếu năm trước.",
    DocumentsCount => "{count} tài liệu",
    ArchiveDamaged => "Tệp nén (.zip) bị hỏng hoặc chưa tải về hết. Hãy xin gửi lại, hoặc giải nén trên máy rồi chọn các tệp bên trong.",
    ArchiveZip64 => "Tệp nén dạng ZIP64 (hơn 65.535 tệp hoặc hơn 4 GB) chưa đọc được ở đây. Hãy chia thành vài tệp nén nhỏ hơn, hoặc giải nén rồi chọn các tệp bên trong.",
    ArchiveTooLarge => "Tệp nén khi giải nén ra là {size} MB, quá {max} MB cho một lần nhận. Hãy chia thành vài tệp nén nhỏ hơn; cấp tỉnh dùng công cụ dòng lệnh tusoi-cli.",
    ArchiveEmpty => "Tệp nén không có tệp nào.",
    ArchiveNested => "Đây là một tệp nén nằm trong tệp nén. Hãy giải nén nó rồi chọn các tệp bên trong.",
    ArchiveEntryEncrypted => "Tệp này được nén có mật khẩu. Hãy giải nén bằng mật khẩu đó trên máy rồi chọn tệp đã giải nén (tệp “Xuất có mật khẩu” của Tự soi thì không cần nén có mật khẩu).",
    ArchiveEntryMethod => "Tệp này được nén theo cách chưa đọc được ở đây (mã {method}). Hãy nén lại bằng chức năng nén có sẵn của máy (ZIP thông thường), hoặc giải nén rồi chọn các tệp.",
    ArchiveEntryDamaged => "Tệp này trong tệp nén bị hỏng (giải nén không ra đúng nội dung). Hãy xin gửi lại.",

    // The pledges at a quarter's thematic meeting (`follow.rs`).
    FollowTitle => "Thực hiện cam kết theo quý (cho buổi sinh hoạt chuyên đề)",
    FollowIntro => "Lấy từ bản cam kết mới nhất mỗi đồng chí đã gửi. Muốn số liệu mới, hãy đề nghị các đồng chí ghi tiến độ quý trong Tự soi rồi gửi lại bản cam kết.",
    FollowQuarter => "Quý",
    FollowSentence => "Quý {quarter}/{year}: {with}/{members} đồng chí đã gửi bản cam kết, gồm {commitments} cam kết: {done} đã xong ({done_percent}), {doing} đang làm, {todo} chưa làm, {blank} chưa ghi tiến độ quý này.",
    FollowNoPledge => "Chưa gửi bản cam kết.",
    FollowSaved => "bản lưu ngày {date}",
    FollowUnrecorded => "chưa ghi",
    FollowEvidence => "Minh chứng: {evidence}",
    // The prompts file (`workflow::prompt_file`).
    PromptsFileTitle => "Tệp gợi ý kiểm điểm cho đảng viên",
    PromptsFileIntro => "Khi cấp có thẩm quyền gợi ý kiểm điểm, chép văn bản vào đây để tạo tệp gửi cho đồng chí được gợi ý: đồng chí đó nhập tệp vào mục IV bản kiểm điểm, mỗi vấn đề một phần giải trình.",
    PromptsFileBody => "Cơ quan gợi ý",
    PromptsFileNumber => "Số văn bản",
    PromptsFileDate => "Ngày văn bản",
    PromptsFileRecipient => "Gửi đồng chí / tập thể",
    PromptsFileIssues => "Các vấn đề được gợi ý (mỗi dòng một vấn đề)",
    PromptsFileMake => "Tạo tệp gợi ý",
    PromptsFileForm => "Kèm mẫu riêng của đảng bộ (tệp .json, nếu có)",
    PromptsFileFormAdded => "Tệp gợi ý sẽ kèm {count} mẫu đã kiểm tra: {names}. Đảng viên nhập tệp gợi ý là có mẫu trên máy.",
    PromptsFileMissing => "Cần ghi cơ quan gợi ý và ít nhất một vấn đề.",
    PromptsFileFailed => "Trình duyệt không tải được tệp xuống. Hãy thử lại, hoặc dùng trình duyệt khác (Chrome, Firefox, Safari bản gần đây).",
    PromptsFileMade => "Đã tạo tệp “{name}” với {n} vấn đề và yêu cầu tải xuống máy. Hãy gửi tệp này cho đồng chí được gợi ý.",
    WsColPrompts => "Gợi ý kiểm điểm",
    PromptsCount => "{n} vấn đề, {answered} đã giải trình đủ",

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

    // The workspace's pages.
    WsTitle => "Tổng hợp của chi bộ",
    WsLead => "Nhận bản kiểm điểm, bản cam kết của đảng viên, kiểm tra, đếm kết quả xếp loại và làm báo cáo. Mọi tệp nhận được chỉ lưu trên thiết bị này, tách riêng với bản nháp của chính bạn.",
    WsBackToApp => "Về bản nháp của tôi",
    WsNew => "Tạo kỳ tổng hợp",
    WsDangBo => "Đảng bộ",
    WsChiBo => "Chi bộ",
    WsYear => "Năm",
    WsListTitle => "Các kỳ tổng hợp",
    WsListEmpty => "Chưa có kỳ tổng hợp nào.",
    WsOpen => "Mở",
    WsDelete => "Xoá",
    WsConfirmDelete => "Chuyển kỳ tổng hợp “{title}” vào thùng rác? Có thể khôi phục trong 30 ngày.",
    WsTrashTitle => "Thùng rác",
    WsRestore => "Khôi phục",
    WsDeleteForever => "Xoá hẳn",
    WsConfirmDeleteForever => "Xoá hẳn “{title}” cùng mọi tệp đã nhận? Không thể hoàn tác.",
    WsMovedToTrash => "Đã chuyển “{title}” vào thùng rác.",
    WsMemoryOnly => "Trình duyệt không cho lưu dữ liệu: kỳ tổng hợp chỉ ở trong trang này và mất khi đóng trang.",
    WsNotFound => "Không tìm thấy kỳ tổng hợp này. Có thể nó đã bị xoá.",
    WsPeriodLine => "{chi_bo} · {dang_bo} · năm {year}",
    WsDocumentsLine => "{count} tài liệu đã nhận, cập nhật lúc {time}",
    WsRosterTitle => "Danh sách đảng viên của chi bộ",
    WsRosterHelp => "Mỗi dòng một đồng chí: họ và tên, ngày sinh (dd/mm/yyyy), nhóm (lãnh đạo quản lý / không giữ chức vụ / ngoài hệ thống chính trị), tình trạng (miễn công tác và sinh hoạt / đình chỉ sinh hoạt / kết nạp chưa đủ 6 tháng), ghi chú; cách nhau bởi dấu phẩy. Có thể dán từ bảng tính.",
    WsRosterApply => "Cập nhật danh sách",
    WsRosterFile => "Lấy từ tệp CSV…",
    WsRosterCount => "Danh sách có {count} đồng chí.",
    WsReceiveTitle => "Nhận tệp của đảng viên",
    WsReceiveHelp => "Chọn một hoặc nhiều tệp JSON đảng viên xuất từ Tự soi (tệp đổi đuôi .txt khi gửi qua điện thoại cũng được), hoặc tệp nén .zip chứa các tệp đó; có thể kéo thả vào đây.",
    WsReceivePick => "Chọn tệp…",
    WsPasteTitle => "Dán nội dung tệp",
    WsPasteHelp => "Đảng viên mở Tự soi trong trình duyệt của Zalo hay Facebook thì không tải được tệp: họ bấm “Sao chép nội dung tệp” rồi dán vào tin nhắn. Giữ ngón tay vào tin nhắn đó → Sao chép, rồi dán vào ô dưới đây: nội dung được nhận và kiểm tra như một tệp (cả tệp có mật khẩu).",
    WsPasteReceive => "Nhận nội dung đã dán",
    WsPasteEmpty => "Chưa có nội dung: hãy dán nội dung tệp vào ô trên.",
    WsPastedName => "nội dung dán lúc {time}",
    WsReceiveFolder => "Chọn cả thư mục…",
    WsReceiveDrop => "Thả tệp vào đây",
    WsReceiving => "Đang đọc {done}/{total} tệp…",
    WsFilesTitle => "Tất cả các tệp đã nhận",
    WsRollupNotMember => "Đây là tệp tổng hợp của một chi bộ, không phải tệp của đảng viên: cấp trên gộp các tệp này ở “Gộp tệp tổng hợp của các chi bộ”, trong danh sách các kỳ.",
    WsSealedInSealed => "Trong tệp có mật khẩu lại là một tệp có mật khẩu khác: đề nghị đồng chí gửi lại tệp xuất, đặt mật khẩu một lần.",
    WsSaveSaved => "Mọi thay đổi đã được lưu trên máy này.",
    WsSaveSaving => "Đang lưu vào máy này… Đừng đóng trang cho đến khi lưu xong.",
    WsSaveFailed => "Thay đổi mới nhất chưa được lưu (xem thông báo ở trên). Đừng đóng trang: thay đổi sẽ được lưu lại cùng lần sửa sau.",
    WsFilesAttention => "Tệp cần xem lại",
    WsFilesCount => "Đã nhận {files} tệp: {refused} tệp không đọc được, {notes} tệp có tài liệu để riêng hoặc cần lưu ý.",
    WsSummaryTitle => "Kết quả tự đánh giá, xếp loại",
    WsByGroupTitle => "Theo nhóm có vị trí, vai trò, chức năng, nhiệm vụ tương đồng",
    WsGroupUnknown => "Chưa rõ nhóm",
    WsQuotaTitle => "Giới hạn 20% hoàn thành xuất sắc nhiệm vụ",
    WsQuotaNote => "Số hoàn thành xuất sắc nhiệm vụ không vượt quá 20% số hoàn thành tốt nhiệm vụ (đến 25% khi cấp trên cho phép), tính trong từng nhóm tương đồng; số tối đa làm tròn xuống. Đây là cảnh báo để chi bộ xem xét, ứng dụng không quyết định.",
    WsQuotaCap => "Tỷ lệ tối đa cấp trên cho phép",
    WsChecksTitle => "Cần xem lại",
    WsChecksNone => "Không có cảnh báo.",
    WsCopiesTitle => "Nội dung giống nhau giữa các đồng chí",
    WsCopiesNone => "Không thấy nội dung sao chép giữa các đồng chí.",
    WsTableTitle => "Bảng tổng hợp",
    WsFilter => "Lọc",
    WsSort => "Sắp xếp",
    WsSortRoster => "Theo thứ tự danh sách",
    WsSortName => "Theo họ tên",
    WsSortLevel => "Theo mức xếp loại",
    WsSortPoints => "Theo tổng điểm, cao xuống thấp",
    WsFilterAll => "Tất cả",
    WsFilterProblems => "Có cảnh báo",
    WsFilterMissing => "Chưa kiểm điểm",
    WsFilterAbove => "Đề xuất cao hơn điểm",
    WsColName => "Họ và tên",
    WsColBirth => "Ngày sinh",
    WsColGroup => "Nhóm",
    WsColForm => "Mẫu",
    WsColStanding => "Tình trạng",
    WsColProposed => "Tự xếp loại",
    WsColPoints => "Điểm",
    WsColAllowed => "Mức điểm cho phép",
    WsColConditions => "Điều kiện (có/không)",
    WsColPledge => "Cam kết",
    WsColNextPledge => "Cam kết năm {year}",
    PledgeNextPlace => "Cam kết {n} năm {year}",
    WsNextPledgeLine => "{commitments} cam kết, {measurable} có chỉ tiêu và thời hạn",
    WsColCarried => "Hạn chế năm trước",
    WsColFile => "Tệp nhận lúc",
    WsNotReviewed => "Chưa kiểm điểm",
    WsNotInRoster => "chưa có trong danh sách",
    WsAboveMark => "cao hơn mức điểm cho phép",
    WsPledgeLine => "{commitments} cam kết, {measurable} có chỉ tiêu và thời hạn, {findings} góp ý",
    WsCarriedLine => "{count}, {missing} chưa nêu mức khắc phục",
    WsView => "Xem tài liệu",
    WsShowMore => "Hiện thêm (còn {count} đồng chí)",
    WsShowMoreFiles => "Hiện thêm (còn {count} tệp)",
    WsOutputsTitle => "Xuất báo cáo",
    WsCsv => "Tải bảng CSV (Excel)",
    WsRollupFile => "Tải tệp tổng hợp gửi cấp trên",
    WsPrint => "In / Lưu PDF bản tổng hợp",
    WsMergeTitle => "Gộp tệp tổng hợp của các chi bộ",
    WsMergeHelp => "Cấp trên chọn các tệp tổng hợp các chi bộ gửi lên; các con số được cộng lại, mỗi chi bộ chỉ tính một lần. Tệp đã gộp có thể gộp tiếp.",
    WsMergePick => "Chọn tệp tổng hợp…",
    WsMergeUnits => "Đã gộp {count} chi bộ: {units}.",
    WsMergeDownload => "Tải tệp đã gộp",
    WsBack => "Quay lại",
    WsCancel => "Huỷ",
    WsChartLabel => "Biểu đồ số đồng chí theo mức xếp loại",
    WsPrintTitle => "TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM {year}",
    WsPrintLevel => "Mức xếp loại",
    WsPrintCount => "Số đồng chí",
    WsPrintPercent => "Tỷ lệ",
    WsPrintSigner => "T/M CHI BỘ",
    WsPrintSignerRole => "BÍ THƯ",
    WsPrintHeadcount => "Số đảng viên",
    WsReadOnly => "Tài liệu của đồng chí {member}, nhận từ tệp “{file}” lúc {time}. Chỉ xem, không sửa.",

    // The workspace.
    WorkspaceNewerElsewhere => "Một thẻ khác đã lưu kỳ tổng hợp này sau khi thẻ này mở, nên thẻ này chưa ghi gì. Hãy tải lại trang để xem bản mới; không có gì bị ghi đè.",

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
    use crate::base::messages::tests::check_catalogue;

    #[test]
    fn every_key_of_the_workspace_has_vietnamese_text_with_balanced_placeholders() {
        check_catalogue(ChiBoMsg::ALL, ct);
    }
}
