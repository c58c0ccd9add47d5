import Foundation

/// Deterministic checks of how an OKR is written, after the guide's checklist (mission "Writing rules"):
/// 2 to 5 measurable KRs that are outcomes, not activities, each driven by an initiative; an owner; focus;
/// confidence that matches a commitment; an objective that is an improvement, not a task.
///
/// The same draft always gives the same findings, in the same order, so the form, the API (`POST …/lint`)
/// and `okra lint` agree. To gate publishing, check the draft with `state = .published` and refuse when a
/// finding `blocksPublishing`.
public enum QualityCheck {
    /// Everything the rules find in `draft`, errors first, then by element (objective, then KRs in order),
    /// then by code.
    public static func findings(for draft: QualityDraft, context: QualityContext = QualityContext())
        -> [QualityFinding]
    {
        var found = objectiveFindings(draft, context: context)
        for (index, keyResult) in draft.keyResults.enumerated() {
            found += keyResultFindings(keyResult, index: index, of: draft, context: context)
        }
        return ordered(found)
    }

    /// Severity (most serious first), then target, then code; equal findings keep the order they were made in.
    static func ordered(_ findings: [QualityFinding]) -> [QualityFinding] {
        findings.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            if a.severity != b.severity { return a.severity > b.severity }
            if a.target != b.target { return a.target < b.target }
            if a.code != b.code { return a.code < b.code }
            return lhs.offset < rhs.offset
        }
        .map(\.element)
    }

    // MARK: Wording shared by the rules

    /// A title in curly quotes, white space collapsed, cut after 60 characters so a message stays one line.
    static func quote(_ title: String) -> String {
        let clean = title.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let limit = 60
        let shown = clean.count > limit ? String(clean.prefix(limit - 1)) + "…" : clean
        return "“" + shown + "”"
    }

    static func isBlank(_ text: String?) -> Bool {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// "Mục tiêu “…”" / "The objective “…”", or "Mục tiêu này" / "This objective" while untitled.
    static func objectiveName(_ draft: QualityDraft) -> LocalizedText {
        let english = isBlank(draft.titleEn) ? draft.title : draft.titleEn ?? draft.title
        if isBlank(draft.title) && isBlank(english) {
            return LocalizedText(vi: "Mục tiêu này", en: "This objective")
        }
        let vi = isBlank(draft.title) ? english : draft.title
        return LocalizedText(vi: "Mục tiêu \(quote(vi))", en: "The objective \(quote(english))")
    }

    /// "KR2 “…”", numbered from 1 as the guide numbers them, or just "KR2" while untitled.
    static func keyResultName(_ keyResult: KeyResultDraft, index: Int) -> LocalizedText {
        let label = "KR\(index + 1)"
        let english = isBlank(keyResult.titleEn) ? keyResult.title : keyResult.titleEn ?? keyResult.title
        let vi = isBlank(keyResult.title) ? english : keyResult.title
        return LocalizedText(
            vi: isBlank(vi) ? label : "\(label) \(quote(vi))",
            en: isBlank(english) ? label : "\(label) \(quote(english))")
    }

    /// What a rule found in each language's title: for each language, the title in that language when it
    /// shows the problem, else the other one. Nil when neither does.
    static func evidence(
        title: String, titleEn: String?, _ detect: (String) -> String?
    ) -> (vi: (title: String, found: String), en: (title: String, found: String))? {
        let inVietnamese = detect(title).map { (title: title, found: $0) }
        let inEnglish = titleEn.flatMap { english in detect(english).map { (title: english, found: $0) } }
        guard let any = inVietnamese ?? inEnglish else { return nil }
        return (vi: inVietnamese ?? any, en: inEnglish ?? any)
    }

    static func number(_ value: Decimal, _ language: Language) -> String {
        NumberText.format(value, language, places: 2, trimZeros: true)
    }

    static func kindName(_ kind: KeyResult.Kind) -> LocalizedText {
        switch kind {
        case .increase: return LocalizedText(vi: "tăng", en: "increase")
        case .decrease: return LocalizedText(vi: "giảm", en: "decrease")
        case .atLeast: return LocalizedText(vi: "giữ ở mức tối thiểu", en: "at least")
        case .atMost: return LocalizedText(vi: "giữ ở mức tối đa", en: "at most")
        case .range: return LocalizedText(vi: "trong khoảng", en: "range")
        case .milestone: return LocalizedText(vi: "cột mốc", en: "milestone")
        case .baseline: return LocalizedText(vi: "đo mức ban đầu", en: "baseline")
        }
    }
}
