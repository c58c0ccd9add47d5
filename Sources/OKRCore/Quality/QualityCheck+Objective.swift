import Foundation

/// The rules about the objective as a whole: how many KRs, its owner and their load, its title.
extension QualityCheck {
    static func objectiveFindings(_ draft: QualityDraft, context: QualityContext) -> [QualityFinding] {
        [
            keyResultCount(draft),
            owner(draft),
            ownerLoad(draft, context: context),
            titleLength(draft, context: context),
            titleAsTask(draft),
        ]
        .compactMap { $0 }
    }

    /// Mission rule 2: at least 2 and at most 5 KRs per objective.
    static func keyResultCount(_ draft: QualityDraft) -> QualityFinding? {
        let count = draft.keyResults.count
        let name = objectiveName(draft)
        if count < 2 {
            let vi = count == 0 ? "chưa có Kết quả then chốt nào" : "mới có \(count) Kết quả then chốt"
            let en = count == 0 ? "has no key results" : "has only \(count) key result"
            return QualityFinding(
                code: .tooFewKeyResults, severity: .error, target: .objective,
                message: LocalizedText(
                    vi: "\(name.vi) \(vi); cần ít nhất 2.", en: "\(name.en) \(en); it needs at least 2."),
                hint: LocalizedText(
                    vi: "Viết ít nhất 2 và không nhiều hơn 5 Kết quả then chốt cho mỗi Mục tiêu, mỗi kết quả là một "
                        + "thay đổi đo lường được cho biết Mục tiêu đã đạt hay chưa.",
                    en: "Write at least 2 and at most 5 key results per objective, each a measurable change that "
                        + "tells whether the objective is reached."))
        }
        if count > 5 {
            return QualityFinding(
                code: .tooManyKeyResults, severity: .error, target: .objective,
                message: LocalizedText(
                    vi: "\(name.vi) có \(count) Kết quả then chốt; nhiều nhất là 5.",
                    en: "\(name.en) has \(count) key results; at most 5 keep it focused."),
                hint: LocalizedText(
                    vi: "Giữ lại tối đa 5 Kết quả then chốt cho thấy rõ nhất Mục tiêu đã đạt; chuyển phần còn lại sang "
                        + "mục tiêu khác hoặc bỏ đi.",
                    en: "Keep the 5 key results that best show the objective is reached; move the others to "
                        + "another objective or drop them."))
        }
        return nil
    }

    /// Someone answers for every objective, every week.
    static func owner(_ draft: QualityDraft) -> QualityFinding? {
        guard isBlank(draft.owner) else { return nil }
        let name = objectiveName(draft)
        return QualityFinding(
            code: .objectiveWithoutOwner, severity: .error, target: .objective,
            message: LocalizedText(vi: "\(name.vi) chưa có người phụ trách.", en: "\(name.en) has no owner."),
            hint: LocalizedText(
                vi: "Chọn công ty, một nhóm hoặc một người chịu trách nhiệm về Mục tiêu và cập nhật nó hằng tuần.",
                en: "Choose the company, a team or a person to answer for the objective and update it every week."))
    }

    /// Focus: one owner with more objectives than the organization allows in a cycle.
    static func ownerLoad(_ draft: QualityDraft, context: QualityContext) -> QualityFinding? {
        guard let owner = draft.owner, !isBlank(owner) else { return nil }
        let total = context.otherObjectivesOfOwner + 1
        let limit = context.maxObjectivesPerOwner
        guard total > limit else { return nil }
        return QualityFinding(
            code: .tooManyObjectivesForOwner, severity: .warning, target: .objective,
            message: LocalizedText(
                vi: "\(quote(owner)) có \(total) mục tiêu trong chu kỳ này; nhiều hơn \(limit) làm phân tán "
                    + "sự tập trung.",
                en: "\(quote(owner)) has \(total) objectives this cycle; more than \(limit) spreads the focus."),
            hint: LocalizedText(
                vi: "Tập trung vào những gì quan trọng: giữ những mục tiêu quan trọng nhất của quý, gộp hoặc bỏ bớt "
                    + "phần còn lại.",
                en: "Focus on what matters: keep the objectives that matter most this quarter, merge or drop "
                    + "the rest."))
    }

    /// An objective is read at a glance, on a card, in a tree.
    static func titleLength(_ draft: QualityDraft, context: QualityContext) -> QualityFinding? {
        let limit = context.maxObjectiveTitleLength
        let tooLong: (String) -> String? = { title in
            let length = title.trimmingCharacters(in: .whitespacesAndNewlines).count
            return length > limit ? String(length) : nil
        }
        guard let found = evidence(title: draft.title, titleEn: draft.titleEn, tooLong) else { return nil }
        return QualityFinding(
            code: .objectiveTitleTooLong, severity: .warning, target: .objective,
            message: LocalizedText(
                vi:
                    "Tiêu đề mục tiêu \(quote(found.vi.title)) dài \(found.vi.found) ký tự; nên giữ trong \(limit) ký tự.",
                en: "The objective title \(quote(found.en.title)) has \(found.en.found) characters; "
                    + "keep it to \(limit) at most."),
            hint: LocalizedText(
                vi: "Viết Mục tiêu ngắn gọn để ai cũng nắm được trong nháy mắt; đưa phần giải thích vào mô tả "
                    + "(vì sao).",
                en: "Keep the objective short enough to take in at a glance; move the explanation to the "
                    + "description (the why)."))
    }

    /// The guide: an objective is not a project but a problem to solve or an opportunity to pursue.
    static func titleAsTask(_ draft: QualityDraft) -> QualityFinding? {
        guard let found = evidence(title: draft.title, titleEn: draft.titleEn, ActivityVerbs.leading) else {
            return nil
        }
        return QualityFinding(
            code: .objectiveReadsAsTask, severity: .warning, target: .objective,
            message: LocalizedText(
                vi: "Mục tiêu \(quote(found.vi.title)) đọc như một đầu việc (“\(found.vi.found)”), không phải "
                    + "một điều cần cải thiện.",
                en: "The objective \(quote(found.en.title)) reads as a task (“\(found.en.found)”), not as "
                    + "something to improve."),
            hint: LocalizedText(
                vi: "Mục tiêu không phải là dự án, mà là những vấn đề cần giải quyết hoặc những cơ hội cải tiến để "
                    + "theo đuổi trong vòng một quý: hãy viết điều cần cải thiện và đưa dự án vào Sáng kiến.",
                en: "An objective is not a project but a problem to solve or an opportunity to pursue within a "
                    + "quarter: write what should improve, and make the project an initiative."))
    }
}
