import Foundation
import OKRCore

/// One of my key results as `GET /api/v1/me/key-results` gives it, read for the terminal.
struct MyKeyResultRow: Sendable {
    let id: String
    let title: LocalizedTitle
    let objectiveTitle: LocalizedTitle
    let kind: String
    let unit: MeasureUnit
    let current: Decimal?
    let target: Decimal?
    let confidence: Int?
    let progress: Decimal
    let status: Status?

    /// A title in Vietnamese with its optional English version.
    struct LocalizedTitle: Sendable {
        let vi: String
        let en: String?

        func text(_ language: Language) -> String { language == .en ? (en ?? vi) : vi }
    }

    /// Reads one item of the list; nil when the server sent something this client does not understand.
    init?(_ item: [String: Any]) {
        guard let kr = item["key_result"] as? [String: Any], let objective = item["objective"] as? [String: Any],
            let id = kr["id"] as? String, let title = kr["title"] as? String,
            let objectiveTitle = objective["title"] as? String
        else { return nil }
        self.id = id
        self.title = LocalizedTitle(vi: title, en: kr["title_en"] as? String)
        self.objectiveTitle = LocalizedTitle(vi: objectiveTitle, en: objective["title_en"] as? String)
        kind = kr["kind"] as? String ?? ""
        unit = (try? MeasureUnit.parse(kr["unit"] as? String ?? "number")) ?? .number
        current = Self.decimal(kr["current"])
        target = Self.decimal(kr["target"])
        confidence = (kr["confidence"] as? NSNumber)?.intValue
        progress = Self.decimal(kr["progress"]) ?? 0
        status = (kr["status"] as? String).flatMap(Status.init(rawValue:))
    }

    /// JSON numbers arrive as `NSNumber`; read them through their text so decimals stay exact.
    static func decimal(_ value: Any?) -> Decimal? {
        guard let number = value as? NSNumber else { return nil }
        return Decimal(string: number.stringValue, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// "85 / 100 MQL" style: where the KR stands against its target, formatted for the language.
    func standing(_ language: Language) -> String {
        let now = current.map { NumberText.format($0, unit: unit, language) } ?? "—"
        guard let target else { return now }
        return "\(now) / \(NumberText.format(target, unit: unit, language))"
    }
}
