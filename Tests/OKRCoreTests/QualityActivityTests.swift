import Foundation
import Testing

@testable import OKRCore

/// Mission rule 4: "KRs are the desired results of activities, not the activities" — "finish 3 projects"
/// is an activity; what measurable change it brings is the KR.
@Suite("Quality: a key result is an outcome, not an activity")
struct QualityActivityTests {
    typealias Case = (title: String, verb: String)

    func check(_ title: String, en: String? = nil) -> QualityFinding? {
        let draft = QualityFixture.objective(
            "Cá nhân hóa cách tiếp cận bán hàng",
            keyResults: [QualityFixture.vietnameseKeyResults[0], QualityFixture.keyResult(title, en: en)])
        return QualityFixture.finding(draft, .keyResultIsActivity)
    }

    @Test(
        "A KR that leads with an activity verb reads as an activity: “Hoàn thành 3 dự án”",
        arguments: [
            ("Hoàn thành 3 dự án", "hoàn thành"),
            ("Triển khai hệ thống CRM mới cho 20 nhân viên", "triển khai"),
            ("KR2: Tổ chức 4 buổi hội thảo khách hàng", "tổ chức"),
            ("trien khai 3 chien dich quang cao", "trien khai"),
            ("Viết 12 bài blog", "viết"),
            ("Chạy 5 chiến dịch email", "chạy"),
            ("Tiến hành 30 cuộc phỏng vấn khách hàng", "tiến hành"),
        ] as [Case])
    func activityVietnamese(_ example: Case) throws {
        let finding = try #require(check(example.title))
        #expect(finding.severity == .warning)
        #expect(finding.target == .keyResult(index: 1))
        #expect(
            finding.message.vi == "KR2 “\(example.title)” là một hoạt động (“\(example.verb)”), không phải một kết quả."
        )
        #expect(finding.hint.vi.contains("không phải là hoạt động bạn hoàn thành mà là kết quả của những hoạt động đó"))
    }

    @Test(
        "A KR that leads with an activity verb reads as an activity: “Launch the new website”",
        arguments: [
            ("Launch the new website", "launch"),
            ("Complete 3 projects", "complete"),
            ("1. Run 4 webinars for partners", "run"),
            ("Ship the mobile app to 1,000 beta users", "ship"),
            ("Roll out the new CRM to 20 sales reps", "roll out"),
            ("Organise the 2026 customer conference", "organise"),
        ] as [Case])
    func activityEnglish(_ example: Case) throws {
        let finding = try #require(check(example.title))
        #expect(finding.severity == .warning)
        #expect(
            finding.message.en == "KR2 “\(example.title)” reads as an activity (“\(example.verb)”), not an outcome.")
        #expect(finding.hint.en.contains("not the activity you finish but its result"))
    }

    @Test(
        "A KR that leads with an outcome is not an activity (Vietnamese)",
        arguments: [
            "Tăng MQL qua email từ 100 lên 150",
            "Giảm thời gian phản hồi trung bình từ 8 giờ xuống 2 giờ",
            "Đạt 8/10 điểm trung bình trong khảo sát mức độ hài lòng của khách hàng",
            "Cải thiện% chuyển đổi từ “dùng thử” thành “có trả phí” từ 20% lên 35%",
            "Tỷ lệ hoàn thành đơn hàng trong 24 giờ đạt 95%",
            "Việt hóa 100% giao diện cho khách hàng trong nước",
        ])
    func outcomeVietnamese(_ title: String) {
        #expect(check(title) == nil)
    }

    @Test(
        "A KR that leads with an outcome is not an activity (English)",
        arguments: [
            "Increase MQL from email from 100 to 150",
            "Reduce churn from 5% to 2%",
            "Reach an average of 8/10 in the customer satisfaction survey",
            "Project completion rate reaches 90%",
            "Runway extended from 12 to 18 months",
        ])
    func outcomeEnglish(_ title: String) {
        #expect(check(title) == nil)
    }

    @Test("An activity in the English title is quoted in both languages when the Vietnamese one is an outcome")
    func englishTitleOnly() throws {
        let finding = try #require(check("Tăng số khách hàng dùng tính năng mới", en: "Launch the new feature"))
        #expect(finding.message.en == "KR2 “Launch the new feature” reads as an activity (“launch”), not an outcome.")
        #expect(
            finding.message.vi == "KR2 “Launch the new feature” là một hoạt động (“launch”), không phải một kết quả.")
    }

    @Test("Words typed with diacritics must match them; words typed without match either way")
    func diacritics() {
        #expect(ActivityVerbs.leading("Hoan thanh 3 du an") == "hoan thanh")
        #expect(ActivityVerbs.leading("hoàn thanh 3 dự án") == "hoàn thanh")
        #expect(ActivityVerbs.leading("Cháy hàng 3 lần") == nil)
        #expect(ActivityVerbs.leading("LÀM MỚI giao diện") == "làm")
        #expect(ActivityVerbs.leading("Ra mắt ứng dụng") == "ra mắt")
        #expect(ActivityVerbs.leading("Raise MQL") == nil)
    }
}
