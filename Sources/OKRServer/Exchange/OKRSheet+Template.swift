import Foundation
import OKRCore

extension OKRSheet {
    /// The layout to fill in, as an XLSX workbook or a CSV file in `language`: every column, with the guide's
    /// Marketing objective (three KRs, each with an initiative) as the example rows, and the check-ins sheet's
    /// columns. Owners and the cycle are left for the company's own: `Marketing` must be one of its teams.
    public static func template(_ language: Language) -> OKRExchange {
        func keyResult(_ vi: String, _ en: String, start: Decimal, target: Decimal, initiative: (String, String))
            -> OKRExchange.KeyResult
        {
            OKRExchange.KeyResult(
                id: nil, title: language == .vi ? vi : en, titleEn: language == .vi ? en : nil, kind: .increase,
                unit: .label("MQL"), start: start, target: target, targetHigh: nil, weight: 1,
                initiatives: [
                    OKRExchange.Initiative(
                        id: nil, title: language == .vi ? initiative.0 : initiative.1, state: .planned, link: nil,
                        due: nil)
                ], checkIns: [])
        }
        let objective = OKRExchange.Objective(
            id: nil, cycle: "",
            title: language == .vi
                ? "Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn"
                : "Improve advertising channels to generate more Marketing Qualified Leads (MQL)",
            titleEn: language == .vi
                ? "Improve advertising channels to generate more Marketing Qualified Leads (MQL)" : nil,
            description: nil, owner: "Marketing", kind: .committed, state: .draft, visibility: .organization,
            progressSource: .keyResults, parents: [],
            keyResults: [
                keyResult(
                    "Tăng MQL qua email từ 100 lên 150", "Raise MQL from email from 100 to 150", start: 100,
                    target: 150,
                    initiative: ("Chuỗi email nuôi dưỡng khách hàng mới", "A nurture e-mail series for new leads")),
                keyResult(
                    "Tăng MQL qua AdWords từ 70 lên 100", "Raise MQL from AdWords from 70 to 100", start: 70,
                    target: 100, initiative: ("Tối ưu từ khoá quảng cáo", "Tune the ad keywords")),
                keyResult(
                    "Tăng MQL qua tìm kiếm không phí từ 45 lên 50", "Raise MQL from organic search from 45 to 50",
                    start: 45, target: 50, initiative: ("Viết 8 bài blog chuẩn SEO", "Write 8 SEO blog posts")),
            ])
        return OKRExchange(cycles: [], objectives: [objective])
    }
}
