/// The words of a generated organization that do not belong to one division: people's names, the company's
/// objectives, personal objectives, check-in notes, weekly updates, comments, questions and asks.
enum Phrases {
    // MARK: Names

    static let familyNames = [
        "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
        "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai", "Tô", "Hà", "Cao",
    ]

    static let middleNames = [
        "Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Hoàng", "Thu", "Đức", "Hữu", "Gia", "Bảo", "Anh", "Khánh",
        "Thùy", "Phương", "Xuân", "Hải", "Công", "Mỹ", "Tuấn", "Kim", "Trọng", "Diệu",
    ]

    static let givenNames = [
        "An", "Anh", "Bảo", "Bình", "Châu", "Chi", "Cường", "Dũng", "Duy", "Đạt", "Giang", "Hà", "Hải", "Hạnh",
        "Hiếu", "Hòa", "Hoa", "Hùng", "Huy", "Hương", "Khoa", "Lan", "Linh", "Long", "Mai", "Minh", "My", "Nam",
        "Ngân", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quang", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Trang",
        "Trung", "Tuấn", "Tú", "Uyên", "Việt", "Vy", "Yến", "Khang", "Nhi", "Thư", "Vinh", "Hậu", "Lộc", "Đông",
    ]

    // MARK: Objectives

    static let companyObjectives: [(vi: String, en: String)] = [
        (
            "Trở thành lựa chọn số một của doanh nghiệp vừa và nhỏ",
            "Become the first choice of small and mid-sized businesses"
        ),
        ("Tăng trưởng doanh thu bền vững từ khách hàng mới", "Grow revenue sustainably from new customers"),
        ("Khách hàng yêu thích và giới thiệu Acme cho người khác", "Customers love Acme and recommend it"),
        ("Vận hành tinh gọn để tăng trưởng có lãi", "Lean operations for profitable growth"),
        ("Nơi làm việc thu hút và giữ chân người giỏi", "A workplace that attracts and keeps great people"),
        ("Mở rộng sang thị trường Đông Nam Á", "Expand into Southeast Asia"),
        ("Sản phẩm nhanh, ổn định và an toàn", "A fast, reliable and secure product"),
    ]

    /// Personal objectives, written by people about their own part.
    static let personalObjectives: [(vi: String, en: String)] = [
        ("Trở thành người vững chuyên môn nhất nhóm về mảng mình phụ trách", "Become the team's expert in my area"),
        ("Đóng góp rõ rệt vào mục tiêu của nhóm trong quý này", "Make a clear contribution to the team's objective"),
        ("Nâng cao kỹ năng phân tích số liệu", "Sharpen my data analysis skills"),
        ("Phục vụ khách hàng của mình tốt hơn mỗi tuần", "Serve my customers better every week"),
        ("Phối hợp hiệu quả hơn với các nhóm khác", "Work better with other teams"),
        ("Giúp đồng nghiệp mới hòa nhập nhanh", "Help new colleagues settle in quickly"),
        ("Giảm thời gian dành cho việc lặp lại", "Spend less time on repetitive work"),
        ("Chủ động hơn trong việc đề xuất cải tiến", "Take the lead on improvements"),
        ("Nâng cao chất lượng công việc mình bàn giao", "Raise the quality of the work I hand over"),
        ("Phát triển kỹ năng dẫn dắt nhóm", "Grow my leadership skills"),
    ]

    static let whys = [
        "Ban lãnh đạo: quý này mọi phòng ban cùng tập trung vào khách hàng mới có giá trị.",
        "Khách hàng phản hồi nhiều nhất về điểm này trong khảo sát quý trước.",
        "Đây là điểm nghẽn lớn nhất của phễu hiện nay.",
        "Kết quả quý trước chưa đạt; quý này tập trung hơn vào nguyên nhân gốc.",
        "Đối thủ đang làm tốt hơn ta ở điểm này.",
        "Cần thiết để đạt mục tiêu cả năm của công ty.",
        "Nhóm đề xuất sau buổi nhìn lại cuối quý.",
    ]

    // MARK: Check-ins

    static let notes = [
        "Đúng kế hoạch tuần này.", "Chậm hơn dự kiến vì nghỉ lễ; tuần sau bù lại.",
        "Chiến dịch mới bắt đầu có kết quả.", "Cần hỗ trợ thêm từ nhóm khác.", "Số liệu tuần này tốt hơn mong đợi.",
        "Một khách hàng lớn hoãn ký; đang theo sát.", "Đã gỡ được điểm nghẽn với đối tác.",
        "Thiếu người vì hai bạn nghỉ ốm.", "Tăng nhẹ, cần thêm thời gian để thấy rõ xu hướng.",
        "Thử nghiệm A/B cho kết quả khả quan.", "Sự cố hệ thống đầu tuần làm chậm tiến độ.",
        "Đang chờ số liệu chính thức từ phòng Tài chính.", "Giữ ổn định, không có gì bất thường.",
        "Đã điều chỉnh kế hoạch sau buổi họp nhóm.", "Tiến triển tốt sau khi thay đổi quy trình.",
        "Khó khăn hơn dự kiến; cân nhắc giảm phạm vi.", "Khách hàng phản hồi tích cực.",
        "Cập nhật theo số liệu cuối tuần.", "Tuần cao điểm, số liệu dao động.", "Đã đạt mốc giữa quý.",
    ]

    static let correctionNotes = [
        "Sửa lại số liệu: nhập nhầm tuần trước.", "Điều chỉnh theo số liệu đã đối soát.",
        "Sửa lỗi đánh máy.",
    ]

    static let gradeReasons = [
        "Điều chỉnh sau buổi nhìn lại: số liệu cuối quý được đối soát lại.",
        "Kết quả phụ thuộc vào yếu tố bên ngoài đã thay đổi giữa quý.",
        "Nhóm thống nhất chấm lại sau khi xem xét điều kiện hợp lệ.",
    ]

    // MARK: Weekly updates

    static let plans = [
        "Gọi lại cho các khách hàng đang cân nhắc", "Chuẩn bị số liệu cho buổi họp OKR thứ Hai",
        "Thử nghiệm phiên bản mới của trang đích", "Làm việc với nhóm Sản phẩm về phản hồi khách hàng",
        "Dọn danh sách khách hàng không hoạt động", "Viết hướng dẫn cho quy trình mới",
        "Phỏng vấn hai khách hàng về trải nghiệm", "Rà soát các ticket tồn đọng",
        "Phân tích nguyên nhân số liệu giảm", "Chốt lịch với đối tác", "Kiểm tra lại số liệu báo cáo tuần",
        "Hỗ trợ bạn mới làm quen công việc", "Đo lại chỉ số sau thay đổi",
    ]

    static let progress = [
        "Tỉ lệ mở tăng 2 điểm sau khi đổi giờ gửi.", "Chốt thêm 3 khách hàng trong tuần.",
        "Hoàn tất thử nghiệm, kết quả tốt hơn phiên bản cũ.", "Giảm được một nửa số ticket tồn.",
        "Đối tác đã đồng ý lịch triển khai.", "Số liệu ổn định, đúng kế hoạch.",
        "Quy trình mới chạy trơn tru ở nhóm thí điểm.", "Đã gửi báo cáo tuần cho trưởng nhóm.",
    ]

    static let problems = [
        "Cần nhóm Kỹ thuật hỗ trợ sửa lỗi trên trang thanh toán.", "Thiếu người trong tuần cao điểm.",
        "Chưa có số liệu chính thức từ Tài chính.", "Khách hàng lớn hoãn quyết định sang quý sau.",
        "Công cụ báo cáo chậm, mất thời gian tổng hợp.", "Phụ thuộc vào đối tác chưa phản hồi.",
    ]

    // MARK: Conversation

    static let comments = [
        "Kết quả tuần này rất đáng khích lệ, cảm ơn cả nhóm!", "Nên chia sẻ cách làm này với các nhóm khác.",
        "Mình nghĩ mục tiêu này hơi tham vọng, nhưng đáng thử.", "Đã xem, số liệu khớp với báo cáo của Tài chính.",
        "Cần theo dõi sát hơn trong hai tuần tới.", "Ý tưởng hay, nhóm mình có thể hỗ trợ phần dữ liệu.",
        "Tiến độ tốt, giữ vững nhé.", "Nhớ cập nhật khi có số liệu chính thức.",
    ]

    static let questions = [
        "Số liệu này được đo từ nguồn nào?", "Nhóm cần hỗ trợ gì để đạt mục tiêu trước cuối quý?",
        "Kết quả này có tính cả khách hàng dùng thử không?", "Vì sao mục tiêu quý này thấp hơn quý trước?",
        "Có kế hoạch dự phòng nếu đối tác chậm không?", "Chỉ số này liên quan thế nào đến mục tiêu của công ty?",
        "Có thể tách số liệu theo từng khu vực không?", "Khi nào có kết quả của thử nghiệm A/B?",
    ]

    static let answers = [
        "Số liệu lấy từ hệ thống CRM, cập nhật mỗi thứ Sáu.", "Cần thêm một bạn từ nhóm Dữ liệu trong hai tuần.",
        "Không, chỉ tính khách hàng trả phí.", "Quý trước có chiến dịch lớn; quý này tập trung vào chất lượng.",
        "Có: nếu chậm, nhóm sẽ chuyển sang phương án tự làm.",
        "Nó đóng góp trực tiếp vào kết quả doanh thu của công ty.",
        "Được, nhóm sẽ bổ sung từ tuần sau.", "Cuối tuần này sẽ có kết quả.",
    ]

    static let needs = [
        "Hỗ trợ dữ liệu khách hàng theo từng khu vực để đo kết quả chiến dịch.",
        "Cần một kỹ sư trong hai tuần để tích hợp hệ thống thanh toán.",
        "Gọi lại trong 24 giờ cho mọi khách hàng tiềm năng từ chiến dịch mới.",
        "Cần bản dịch tiếng Anh cho bộ tài liệu bán hàng.", "Cần ngân sách bổ sung cho sự kiện cuối quý.",
        "Xem xét và phê duyệt quy trình mới trước ngày 15.", "Chia sẻ số liệu ticket hằng tuần để theo dõi chất lượng.",
        "Hỗ trợ tuyển hai vị trí còn trống trong tháng này.", "Cùng thiết kế lại luồng đăng ký cho khách hàng mới.",
        "Ưu tiên sửa các lỗi ảnh hưởng đến thanh toán.",
    ]

    static let declineReasons = [
        "Quý này nhóm đã kín lịch với các cam kết khác.", "Không thuộc phạm vi của nhóm; đề nghị hỏi nhóm Nền tảng.",
        "Thiếu người cho đến cuối quý.",
    ]

    static let counterScopes = [
        "Làm được một nửa phạm vi trong quý này, phần còn lại quý sau.", "Hỗ trợ được từ tuần thứ 3 của tháng sau.",
    ]
}
