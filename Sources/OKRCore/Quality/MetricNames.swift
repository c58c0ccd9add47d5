import Foundation

/// The things a validity condition commonly counts, in both languages, so a condition typed as "responses"
/// reads "phản hồi" in a Vietnamese sentence and the other way round. A metric not listed is shown as typed.
enum MetricNames {
    private static let pairs: [(vi: String, en: String)] = [
        ("phản hồi", "responses"),
        ("câu trả lời", "answers"),
        ("người trả lời", "respondents"),
        ("lượt đánh giá", "ratings"),
        ("đánh giá", "reviews"),
        ("người dùng", "users"),
        ("khách hàng", "customers"),
        ("đơn hàng", "orders"),
        ("giao dịch", "transactions"),
        ("mẫu", "samples"),
        ("lượt bình chọn", "votes"),
        ("cuộc phỏng vấn", "interviews"),
        ("phỏng vấn", "interviews"),
        ("lượt truy cập", "visits"),
        ("phiếu khảo sát", "surveys"),
    ]

    /// The metric in both languages; matched with or without diacritics and in either language.
    static func localized(_ metric: String) -> LocalizedText {
        let key = Folding.fold(metric)
        let singular = key.hasSuffix("s") ? String(key.dropLast()) : key
        for pair in pairs {
            let en = Folding.fold(pair.en)
            if key == Folding.fold(pair.vi) || key == en || singular == String(en.dropLast()) {
                return LocalizedText(vi: pair.vi, en: pair.en)
            }
        }
        let trimmed = metric.trimmingCharacters(in: .whitespacesAndNewlines)
        return LocalizedText(vi: trimmed, en: trimmed)
    }
}
