import OKRCore

/// What a division works on: its name, its departments, the metrics its KRs measure, the objectives it writes,
/// its milestones and its initiatives, in Vietnamese and English. The kinds of results follow the guide's list
/// (acquisition, engagement, financial, performance).
struct Theme: Sendable {
    let vi: String
    let en: String
    let departments: [(vi: String, en: String)]
    let metrics: [Metric]
    let objectives: [(vi: String, en: String)]
    /// Done-or-not results, written as an outcome ("… dùng cho mọi khách hàng mới"), never as a task.
    let milestones: [(vi: String, en: String)]
    let initiatives: [(vi: String, en: String)]

    static let all: [Theme] = [sales, marketing, product, engineering, operations, customers, finance, people]

    static let sales = Theme(
        vi: "Kinh doanh", en: "Sales",
        departments: [
            ("Kinh doanh doanh nghiệp", "Enterprise Sales"), ("Kinh doanh SME", "SME Sales"),
            ("Phát triển đối tác", "Partnerships"), ("Vận hành bán hàng", "Sales Operations"),
            ("Kinh doanh quốc tế", "International Sales"), ("Tư vấn giải pháp", "Solution Consulting"),
            ("Kinh doanh trực tuyến", "Online Sales"),
        ],
        metrics: [
            Metric(
                "doanh thu mới hằng tháng", "new monthly revenue", .label("triệu ₫"), suffix: ("triệu ₫", "million ₫"),
                800, 3000),
            Metric("số hợp đồng ký mới mỗi tháng", "new contracts signed a month", 12, 60),
            Metric(
                "tỉ lệ chuyển đổi từ dùng thử sang trả phí", "trial-to-paid conversion", .percent, 12, 28, decimals: 1),
            Metric(
                "giá trị hợp đồng trung bình", "average deal size", .label("triệu ₫"), suffix: ("triệu ₫", "million ₫"),
                25, 90),
            Metric(
                "số ngày chốt hợp đồng trung bình", "average days to close a deal", .label("ngày"),
                suffix: ("ngày", "days"), 25, 60, up: false),
            Metric("số khách hàng tiềm năng đủ điều kiện (SQL)", "sales-qualified leads (SQL)", .label("SQL"), 90, 320),
            Metric(
                "tỉ lệ khách hàng rời bỏ hằng tháng", "monthly customer churn", .percent, 2, 7, decimals: 1, up: false),
            Metric("tỉ lệ gia hạn hợp đồng", "contract renewal rate", .percent, 70, 88),
        ],
        objectives: [
            ("Tăng trưởng doanh thu bền vững từ khách hàng mới", "Grow revenue sustainably from new customers"),
            (
                "Cá nhân hóa cách tiếp cận bán hàng cho từng nhóm khách hàng",
                "Personalise the sales approach for each segment"
            ),
            ("Rút ngắn chu kỳ bán hàng cho khách hàng doanh nghiệp", "Shorten the enterprise sales cycle"),
            ("Mở rộng thị phần tại các tỉnh miền Trung", "Grow market share in central Vietnam"),
            ("Nuôi dưỡng khách hàng tiềm năng tốt hơn", "Nurture new leads better"),
            (
                "Giữ chân khách hàng hiện có và tăng giá trị hợp đồng",
                "Keep existing customers and grow their contracts"
            ),
            ("Biến đối tác thành kênh bán hàng hiệu quả", "Make partners an effective sales channel"),
            ("Nâng cao chất lượng dự báo doanh thu", "Make revenue forecasts trustworthy"),
        ],
        milestones: [
            ("Hợp đồng điện tử được dùng cho mọi khách hàng mới", "E-contracts used for every new customer"),
            ("Bảng giá mới có hiệu lực trên toàn quốc", "New price list in force nationwide"),
            ("Ba đối tác phân phối mới đi vào hoạt động", "Three new distribution partners up and running"),
        ],
        initiatives: [
            ("Chương trình giới thiệu khách hàng", "Customer referral programme"),
            ("Kịch bản gọi điện theo ngành", "Industry-specific call scripts"),
            ("Gói dùng thử 30 ngày", "30-day trial plan"), ("Đào tạo kỹ năng đàm phán", "Negotiation training"),
            ("Chuẩn hóa quy trình báo giá", "Standard quoting process"),
            ("Hội thảo khách hàng tại Đà Nẵng", "Customer event in Da Nang"),
            ("Bộ tài liệu bán hàng theo ngành", "Sales kit per industry"),
        ])

    static let marketing = Theme(
        vi: "Marketing", en: "Marketing",
        departments: [
            ("Marketing tăng trưởng", "Growth Marketing"), ("Thương hiệu", "Brand"), ("Nội dung", "Content"),
            ("Marketing sản phẩm", "Product Marketing"), ("Quảng cáo số", "Digital Ads"), ("Sự kiện", "Events"),
            ("Truyền thông", "Communications"),
        ],
        metrics: [
            Metric("MQL từ email mỗi tháng", "MQL from email a month", .label("MQL"), 80, 200),
            Metric("MQL từ quảng cáo tìm kiếm", "MQL from search ads", .label("MQL"), 60, 160),
            Metric("lượt truy cập website mỗi tháng", "monthly website visits", 25000, 120_000),
            Metric("tỉ lệ mở bản tin", "newsletter open rate", .percent, 14, 30, decimals: 1),
            Metric("tỉ lệ nhấp quảng cáo (CTR)", "ad click-through rate", .percent, 1, 4, decimals: 1),
            Metric(
                "chi phí cho mỗi khách hàng tiềm năng", "cost per lead", .label("nghìn ₫"),
                suffix: ("nghìn ₫", "thousand ₫"), 90, 300, up: false),
            Metric("số lượt đăng ký dùng thử mỗi tháng", "trial sign-ups a month", 300, 1500),
            Metric(
                "mức độ nhận biết thương hiệu", "brand awareness", .percent, 15, 40, counted: ("phản hồi", "responses")),
        ],
        objectives: [
            ("Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn", "Improve ad channels to generate more MQL"),
            (
                "Đưa thương hiệu Acme đến gần hơn với doanh nghiệp nhỏ",
                "Bring the Acme brand closer to small businesses"
            ),
            ("Tăng hiệu quả chi phí marketing", "Spend the marketing budget where it works"),
            ("Nội dung hữu ích kéo khách hàng tự tìm đến", "Useful content that brings customers to us"),
            ("Ra thị trường nhanh và rõ ràng hơn cho sản phẩm mới", "A faster, clearer go-to-market for new products"),
            ("Tăng tương tác của khách hàng với bản tin", "Get customers engaging with our newsletter"),
            ("Biến sự kiện thành nguồn khách hàng chất lượng", "Turn events into a source of good leads"),
        ],
        milestones: [
            ("Bộ nhận diện thương hiệu mới được dùng trên mọi kênh", "New brand identity used on every channel"),
            ("Trang đích mới cho từng ngành đi vào hoạt động", "Landing pages per industry live"),
            ("Hệ thống chấm điểm khách hàng tiềm năng được Sales sử dụng", "Lead scoring used by Sales"),
        ],
        initiatives: [
            ("Bản tin email hằng tuần mới", "New weekly email newsletter"),
            ("Tối ưu từ khóa và trang đích", "Keyword and landing page optimisation"),
            ("Chuỗi email nuôi dưỡng 5 bước", "5-step nurture e-mail sequence"),
            ("Viết 12 bài blog chuẩn SEO", "12 SEO blog articles"),
            ("Webinar hằng tháng với khách hàng", "Monthly customer webinar"),
            ("Thử nghiệm A/B tiêu đề mỗi tuần", "Weekly subject-line A/B tests"),
            ("Chiến dịch video ngắn trên mạng xã hội", "Short-video social campaign"),
        ])

    static let product = Theme(
        vi: "Sản phẩm", en: "Product",
        departments: [
            ("Trải nghiệm khách hàng mới", "Onboarding"), ("Thanh toán", "Payments"), ("Ứng dụng di động", "Mobile"),
            ("Báo cáo và phân tích", "Reporting"), ("Nền tảng", "Platform"), ("Thiết kế", "Design"),
            ("Tích hợp", "Integrations"),
        ],
        metrics: [
            Metric("số người dùng hoạt động hằng ngày", "daily active users", 8000, 40000),
            Metric("tỉ lệ kích hoạt trong 7 ngày", "7-day activation rate", .percent, 30, 55),
            Metric("tỉ lệ giữ chân người dùng sau 4 tuần", "week-4 retention", .percent, 25, 50),
            Metric("tỉ lệ khách hàng dùng tính năng mới", "customers using the new feature", .percent, 5, 25),
            Metric(
                "số ngày đến khi khách hàng thấy giá trị", "days to first value", .label("ngày"),
                suffix: ("ngày", "days"), 5, 15, up: false),
            Metric(
                "điểm hài lòng với ứng dụng", "app rating", .label("/5"), suffix: ("/5", "/5"), 3.6, 4.4, decimals: 1,
                counted: ("đánh giá", "reviews")),
            Metric("tỉ lệ thanh toán thành công", "payment success rate", .percent, 90, 97, decimals: 1),
            Metric("số bước để tạo báo cáo đầu tiên", "steps to the first report", 6, 12, up: false),
        ],
        objectives: [
            ("Giúp khách hàng mới thành công ngay trong tuần đầu", "Help new customers succeed in their first week"),
            ("Thanh toán dễ dàng và đáng tin cậy cho mọi khách hàng", "Make paying easy and reliable"),
            ("Ứng dụng di động mà khách hàng muốn mở mỗi ngày", "A mobile app customers want to open every day"),
            ("Báo cáo giúp khách hàng ra quyết định nhanh hơn", "Reports that help customers decide faster"),
            ("Giảm ma sát trong những thao tác thường dùng nhất", "Less friction in the most common tasks"),
            ("Hiểu rõ hơn vì sao khách hàng rời bỏ", "Understand why customers leave"),
            ("Kết nối liền mạch với công cụ khách hàng đang dùng", "Seamless connections with the tools customers use"),
        ],
        milestones: [
            ("Thanh toán bằng mã QR có trên mọi gói dịch vụ", "QR payments available on every plan"),
            ("Chế độ tối có trên ứng dụng di động", "Dark mode available in the mobile app"),
            ("Tích hợp hóa đơn điện tử được khách hàng dùng thật", "E-invoice integration used by real customers"),
        ],
        initiatives: [
            ("Thiết kế lại màn hình chào mừng", "Redesigned welcome screen"),
            ("Phỏng vấn 20 khách hàng rời bỏ", "Interviews with 20 churned customers"),
            ("Hướng dẫn khởi đầu trong ứng dụng", "In-app onboarding guide"),
            ("Thư viện mẫu báo cáo", "Report template library"),
            ("Thử nghiệm giá theo người dùng", "Per-seat pricing experiment"),
            ("Tích hợp với phần mềm kế toán", "Accounting software integration"),
        ])

    static let engineering = Theme(
        vi: "Kỹ thuật", en: "Engineering",
        departments: [
            ("Hạ tầng", "Infrastructure"), ("Backend", "Backend"), ("Frontend", "Frontend"),
            ("Đảm bảo chất lượng", "Quality Assurance"), ("Dữ liệu", "Data"), ("Bảo mật", "Security"),
            ("Công cụ nội bộ", "Developer Tools"),
        ],
        metrics: [
            Metric(
                "thời gian tải trang trung bình", "average page load time", .label("s"), suffix: ("giây", "s"), 1.8,
                4.5, decimals: 1, up: false),
            Metric(
                "thời gian phản hồi API p95", "API p95 response time", .label("ms"), suffix: ("ms", "ms"), 250, 900,
                up: false),
            Metric(
                "số ticket hỗ trợ do lỗi mỗi tháng", "bug-related support tickets a month", .label("ticket"),
                suffix: ("ticket", "tickets"), 60, 220, up: false),
            Metric("số lần triển khai lên production mỗi tuần", "production deploys a week", 4, 20),
            Metric("thời gian hoạt động của hệ thống", "system uptime", .percent, 99.5, 99.9, decimals: 2),
            Metric("tỉ lệ triển khai gây sự cố", "change failure rate", .percent, 8, 20, decimals: 1, up: false),
            Metric("độ bao phủ kiểm thử tự động", "automated test coverage", .percent, 40, 70),
            Metric(
                "thời gian khôi phục sự cố trung bình", "mean time to recovery", .label("phút"),
                suffix: ("phút", "minutes"), 40, 180, up: false),
        ],
        objectives: [
            ("Mang lại trải nghiệm sản phẩm nhanh và ổn định", "Give customers a fast and reliable product"),
            (
                "Đưa thay đổi đến khách hàng thường xuyên hơn mà không tăng rủi ro",
                "More frequent releases without more risk"
            ),
            ("Giảm lỗi mà khách hàng gặp phải", "Fewer bugs reaching customers"),
            ("Hệ thống sẵn sàng cho lượng khách hàng gấp đôi", "Systems ready for twice the customers"),
            ("Bảo vệ dữ liệu khách hàng ở mức cao nhất", "Protect customer data to the highest standard"),
            ("Kỹ sư mới đóng góp hiệu quả ngay tuần đầu", "New engineers productive in their first week"),
            ("Dữ liệu đáng tin cậy cho mọi quyết định", "Trustworthy data for every decision"),
        ],
        milestones: [
            ("Toàn bộ dịch vụ chạy trên cụm Kubernetes mới", "All services running on the new Kubernetes cluster"),
            ("Đăng nhập hai lớp bật cho mọi tài khoản quản trị", "Two-factor sign-in on for every admin account"),
            ("Kho dữ liệu mới được mọi phòng ban dùng để báo cáo", "New data warehouse used by every department"),
        ],
        initiatives: [
            ("Chuyển ảnh sang CDN và nén", "Move images to a CDN, compressed"),
            ("Tuần lễ sửa lỗi mỗi tháng", "A bug-fixing week every month"),
            ("Tự động hóa kiểm thử hồi quy", "Automated regression tests"),
            ("Giám sát và cảnh báo tập trung", "Central monitoring and alerts"),
            ("Tách dịch vụ thanh toán", "Split out the payments service"),
            ("Đánh giá bảo mật định kỳ", "Regular security review"),
            ("Tối ưu truy vấn cơ sở dữ liệu", "Database query tuning"),
        ])

    static let operations = Theme(
        vi: "Vận hành", en: "Operations",
        departments: [
            ("Kho vận", "Warehousing"), ("Giao nhận", "Delivery"), ("Mua hàng", "Purchasing"),
            ("Chất lượng", "Quality"), ("Vận hành miền Bắc", "Operations North"),
            ("Vận hành miền Nam", "Operations South"),
            ("Cải tiến quy trình", "Process Improvement"),
        ],
        metrics: [
            Metric("tỉ lệ giao hàng đúng hẹn", "on-time delivery", .percent, 82, 94),
            Metric(
                "thời gian xử lý đơn hàng", "order processing time", .label("giờ"), suffix: ("giờ", "hours"), 12, 48,
                up: false),
            Metric(
                "chi phí vận hành mỗi đơn hàng", "operating cost per order", .label("nghìn ₫"),
                suffix: ("nghìn ₫", "thousand ₫"), 25, 60, up: false),
            Metric("độ chính xác tồn kho", "inventory accuracy", .percent, 92, 98, decimals: 1),
            Metric("số đơn lỗi trên 1.000 đơn", "faulty orders per 1,000", 4, 15, decimals: 1, up: false),
            Metric("số ngày tồn kho", "days of inventory", .label("ngày"), suffix: ("ngày", "days"), 20, 45),
            Metric("tỉ lệ đơn hàng được xử lý tự động", "orders handled automatically", .percent, 30, 60),
        ],
        objectives: [
            ("Giao hàng nhanh và đúng hẹn ở mọi tỉnh thành", "Fast, on-time delivery in every province"),
            ("Giảm chi phí vận hành mà không giảm chất lượng", "Lower operating costs without lowering quality"),
            ("Kho hàng luôn chính xác và sẵn sàng", "A warehouse that is always accurate and ready"),
            ("Quy trình gọn nhẹ, ít thao tác thủ công", "Lean processes with less manual work"),
            ("Nhà cung cấp đáng tin cậy cho mùa cao điểm Tết", "Reliable suppliers for the Tết peak"),
            ("Chất lượng đồng đều giữa hai miền", "Consistent quality across both regions"),
        ],
        milestones: [
            ("Kho Bình Dương vận hành bằng máy quét mã vạch", "Binh Duong warehouse running on barcode scanners"),
            (
                "Hợp đồng khung với hai đơn vị giao nhận mới có hiệu lực",
                "Framework contracts with two new carriers in force"
            ),
        ],
        initiatives: [
            ("Sắp xếp lại khu vực lấy hàng", "Reorganised picking area"),
            ("Đàm phán lại giá cước vận chuyển", "Renegotiated shipping rates"),
            ("Kiểm kê theo chu kỳ hằng tuần", "Weekly cycle counts"),
            ("Ứng dụng theo dõi tài xế", "Driver tracking app"),
            ("Đánh giá nhà cung cấp hằng quý", "Quarterly supplier review"),
        ])

    static let customers = Theme(
        vi: "Chăm sóc khách hàng", en: "Customer Success",
        departments: [
            ("Hỗ trợ khách hàng", "Support"), ("Thành công khách hàng", "Customer Success"),
            ("Đào tạo khách hàng", "Customer Training"), ("Tổng đài", "Contact Centre"),
            ("Khách hàng doanh nghiệp", "Enterprise Accounts"), ("Cộng đồng", "Community"),
        ],
        metrics: [
            Metric(
                "điểm hài lòng của khách hàng (CSAT)", "customer satisfaction (CSAT)", .label("/10"),
                suffix: ("/10", "/10"), 7, 8.4, decimals: 1, counted: ("phản hồi", "responses")),
            Metric(
                "thời gian phản hồi đầu tiên", "first response time", .label("phút"), suffix: ("phút", "minutes"), 20,
                90, up: false),
            Metric("tỉ lệ ticket được giải quyết trong 24 giờ", "tickets resolved within 24 hours", .percent, 60, 85),
            Metric("chỉ số NPS", "NPS", 15, 40, counted: ("phản hồi", "responses")),
            Metric("số ticket trên 100 khách hàng mỗi tháng", "tickets per 100 customers a month", 20, 55, up: false),
            Metric(
                "tỉ lệ khách hàng tự giải quyết qua trang trợ giúp", "self-service resolution rate", .percent, 20, 45),
        ],
        objectives: [
            ("Khách hàng được hỗ trợ nhanh và tận tình", "Customers helped quickly and warmly"),
            (
                "Mỗi khách hàng doanh nghiệp đều đạt được mục tiêu của họ",
                "Every enterprise customer reaches their goals"
            ),
            ("Giúp khách hàng tự giải quyết vấn đề dễ dàng", "Help customers solve problems on their own"),
            ("Biến khách hàng hài lòng thành người giới thiệu", "Turn happy customers into promoters"),
            ("Phát hiện sớm khách hàng có nguy cơ rời bỏ", "Spot customers at risk of leaving early"),
        ],
        milestones: [
            ("Trang trợ giúp tiếng Việt mới có đủ 100 bài hướng dẫn", "New Vietnamese help centre with 100 articles"),
            ("Tổng đài hoạt động 24/7 trong mùa cao điểm", "Contact centre open 24/7 in the peak season"),
        ],
        initiatives: [
            ("Khảo sát sau mỗi cuộc gọi hỗ trợ", "Survey after every support call"),
            ("Gọi chào mừng trong 24 giờ", "Welcome call within 24 hours"),
            ("Thư viện câu trả lời mẫu", "Canned answer library"),
            ("Chương trình khách hàng thân thiết", "Loyalty programme"),
            ("Buổi đào tạo trực tuyến hằng tuần", "Weekly online training"),
        ])

    static let finance = Theme(
        vi: "Tài chính", en: "Finance",
        departments: [
            ("Kế toán", "Accounting"), ("Kế hoạch tài chính", "Financial Planning"), ("Thu hồi công nợ", "Collections"),
            ("Thuế", "Tax"), ("Kiểm soát nội bộ", "Internal Control"),
        ],
        metrics: [
            Metric(
                "số ngày thu hồi công nợ (DSO)", "days sales outstanding (DSO)", .label("ngày"),
                suffix: ("ngày", "days"), 35, 70, up: false),
            Metric(
                "số ngày khóa sổ cuối tháng", "days to close the books", .label("ngày"), suffix: ("ngày", "days"), 6,
                15, up: false),
            Metric("chênh lệch so với ngân sách", "variance against budget", .percent, 3, 12, decimals: 1, up: false),
            Metric("tỉ lệ hóa đơn được thanh toán đúng hạn", "invoices paid on time", .percent, 70, 90),
            Metric("tỉ lệ chứng từ được số hóa", "documents digitised", .percent, 40, 75),
            Metric("tỉ suất lợi nhuận gộp", "gross margin", .percent, 35, 55, decimals: 1),
        ],
        objectives: [
            ("Dòng tiền lành mạnh để công ty tự tin đầu tư", "Healthy cash flow so we can invest with confidence"),
            ("Số liệu tài chính nhanh và chính xác cho lãnh đạo", "Fast, accurate numbers for leadership"),
            ("Chi tiêu đúng kế hoạch ở mọi phòng ban", "Every department spending to plan"),
            ("Quy trình kế toán không giấy tờ", "Paperless accounting"),
            ("Tuân thủ thuế trọn vẹn, không bất ngờ", "Full tax compliance with no surprises"),
        ],
        milestones: [
            ("Hóa đơn điện tử áp dụng cho mọi giao dịch", "E-invoices on every transaction"),
            ("Báo cáo quản trị tự động gửi mỗi sáng thứ Hai", "Management report sent automatically every Monday"),
        ],
        initiatives: [
            ("Nhắc nợ tự động qua email và Zalo", "Automatic payment reminders by e-mail and Zalo"),
            ("Đối soát ngân hàng tự động", "Automatic bank reconciliation"),
            ("Mẫu ngân sách chung", "Shared budget template"),
            ("Số hóa hồ sơ chứng từ", "Digitised document archive"),
        ])

    static let people = Theme(
        vi: "Nhân sự", en: "People",
        departments: [
            ("Tuyển dụng", "Recruiting"), ("Đào tạo và phát triển", "Learning and Development"),
            ("Văn hóa doanh nghiệp", "Culture"), ("Chế độ đãi ngộ", "Compensation and Benefits"),
            ("Đối tác nhân sự", "HR Business Partners"),
        ],
        metrics: [
            Metric(
                "số ngày tuyển dụng trung bình", "average days to hire", .label("ngày"), suffix: ("ngày", "days"), 30,
                60, up: false),
            Metric("chỉ số eNPS", "employee NPS", 10, 35, counted: ("người trả lời", "respondents")),
            Metric("tỉ lệ nhân viên mới ở lại sau 90 ngày", "new hires staying past 90 days", .percent, 75, 92),
            Metric(
                "số giờ đào tạo mỗi người mỗi quý", "training hours per person a quarter", .label("giờ"),
                suffix: ("giờ", "hours"), 6, 16),
            Metric("tỉ lệ chấp nhận lời mời làm việc", "offer acceptance rate", .percent, 60, 85),
            Metric("tỉ lệ nghỉ việc tự nguyện", "voluntary turnover", .percent, 3, 9, decimals: 1, up: false),
        ],
        objectives: [
            ("Thu hút những người giỏi nhất về Acme", "Bring the best people to Acme"),
            ("Mỗi người đều có con đường phát triển rõ ràng", "A clear growth path for everyone"),
            ("Nơi làm việc mà mọi người muốn gắn bó", "A workplace people want to stay at"),
            ("Nhân viên mới hòa nhập nhanh và vui vẻ", "New people settle in quickly and happily"),
            ("Đãi ngộ công bằng và minh bạch", "Fair and transparent pay"),
        ],
        milestones: [
            ("Khung năng lực mới được dùng trong mọi buổi đánh giá", "New competency framework used in every review"),
            ("Cổng thông tin nhân sự tự phục vụ có cho mọi người", "Self-service HR portal open to everyone"),
        ],
        initiatives: [
            ("Chương trình giới thiệu ứng viên", "Employee referral programme"),
            ("Người đồng hành cho nhân viên mới", "A buddy for every new hire"),
            ("Khảo sát gắn kết mỗi quý", "Quarterly engagement survey"),
            ("Lộ trình học tập cho trưởng nhóm", "Learning path for team leads"),
            ("Ngày hội việc làm tại các trường đại học", "University job fairs"),
        ])
}
