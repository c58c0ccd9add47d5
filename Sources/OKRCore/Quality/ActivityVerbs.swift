import Foundation

/// The verbs that make a sentence read as an activity ("hoàn thành 3 dự án", "launch the new website")
/// rather than an outcome ("tăng MQL từ 100 lên 150", "reduce churn to 2%"), after mission rule 4:
/// KRs are the desired results of activities, not the activities.
///
/// Only the words a title *leads* with count, after a label such as "KR1:" or "2.", because that is where
/// the sentence says what kind of thing it is. A word typed without diacritics matches by its folded form
/// ("trien khai" is "triển khai"); a word typed with diacritics must match them, so "Việt hóa" is not
/// "viết" and "cháy" is not "chạy".
enum ActivityVerbs {
    /// From the guide's own vocabulary ("các hoạt động cần tiến hành", "hoàn thành 3 dự án") and the verbs
    /// Vietnamese teams write tasks with.
    static let vietnamese: [String] = [
        "hoàn thành", "hoàn tất", "hoàn thiện", "triển khai", "tổ chức", "thực hiện", "thực thi", "xây dựng",
        "ra mắt", "viết", "chạy", "tiến hành", "làm", "thiết kế", "phát hành", "xuất bản", "cài đặt", "áp dụng",
        "soạn", "soạn thảo", "cập nhật", "nghiên cứu", "khảo sát", "đào tạo", "chuẩn bị", "tham gia",
    ]

    /// Base forms, and the gerunds that rarely read as nouns ("launching", not "building").
    static let english: [String] = [
        "launch", "launching", "complete", "completing", "run", "finish", "finishing", "implement", "implementing",
        "deliver", "delivering", "organize", "organizing", "organise", "organising", "build", "create", "creating",
        "write", "writing", "hold", "conduct", "conducting", "ship", "shipping", "develop", "release", "publish",
        "deploy", "deploying", "roll out", "set up", "carry out", "execute", "perform", "host", "prepare", "design",
        "migrate", "attend", "draft",
    ]

    /// Every phrase as its words and their folded forms, longest first, prepared once: checking a title
    /// folds each of its leading words once instead of once per listed verb.
    private static let phrases: [(words: [String], folded: [String])] = (vietnamese + english)
        .map { phrase in
            let words = phrase.split(separator: " ").map { String($0).precomposedStringWithCanonicalMapping }
            return (words, words.map(Folding.fold))
        }
        .sorted { $0.words.count > $1.words.count }

    private static let longestPhrase = phrases.map(\.words.count).max() ?? 1

    /// The activity verb `title` leads with, as written in the title and in lower case ("hoàn thành"),
    /// or nil when the title does not lead with one.
    static func leading(_ title: String) -> String? {
        var words = Self.words(title)
        while let first = words.first, isLabel(first) { words.removeFirst() }
        let folded = words.prefix(longestPhrase).map(Folding.fold)
        for phrase in phrases where phrase.words.count <= words.count {
            let matched = phrase.words.indices.allSatisfy { i in
                words[i] == phrase.words[i] || (folded[i] == words[i] && folded[i] == phrase.folded[i])
            }
            if matched { return words.prefix(phrase.words.count).joined(separator: " ") }
        }
        return nil
    }

    /// Whether a typed word is the listed one: exactly (diacritics included), or by its folded form when the
    /// typed word carries no diacritics at all.
    static func matches(_ typed: String, _ listed: String) -> Bool {
        if typed == listed { return true }
        let folded = Folding.fold(typed)
        return folded == typed && folded == Folding.fold(listed)
    }

    /// The title's words in lower case, split on anything that is not a letter or a digit.
    static func words(_ text: String) -> [String] {
        text.lowercased().precomposedStringWithCanonicalMapping
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
    }

    /// A numbering label before the sentence: "kr1", "kr", "o2", "3".
    private static func isLabel(_ word: String) -> Bool {
        if word.allSatisfy(\.isNumber) { return true }
        for prefix in ["kr", "o"] where word.hasPrefix(prefix) {
            let rest = word.dropFirst(prefix.count)
            if rest.allSatisfy(\.isNumber) && (prefix == "kr" || !rest.isEmpty) { return true }
        }
        return false
    }
}
