import Foundation

/// The rules about each key result: measurable, an outcome, driven by an initiative, its condition, and
/// the confidence a committed objective needs.
extension QualityCheck {
    static func keyResultFindings(
        _ keyResult: KeyResultDraft, index: Int, of draft: QualityDraft, context: QualityContext
    ) -> [QualityFinding] {
        [
            measurability(keyResult, index: index),
            activity(keyResult, index: index),
            initiatives(keyResult, index: index, state: draft.state),
            condition(keyResult, index: index),
            confidence(keyResult, index: index, kind: draft.kind, context: context),
        ]
        .compactMap { $0 }
    }

    /// A KR is quantitative: a kind, and the numbers that kind is measured with.
    static func measurability(_ keyResult: KeyResultDraft, index: Int) -> QualityFinding? {
        let name = keyResultName(keyResult, index: index)
        guard let kind = keyResult.kind else {
            let hasNumber = (keyResult.title + " " + (keyResult.titleEn ?? "")).contains(where: \.isNumber)
            let message =
                hasNumber
                ? LocalizedText(
                    vi: "\(name.vi) có con số nhưng chưa chọn cách đo, nên chưa tính được tiến độ.",
                    en: "\(name.en) has numbers but no kind, so its progress cannot be computed.")
                : LocalizedText(
                    vi: "\(name.vi) không có con số nào và chưa chọn cách đo: không biết thế nào là đạt.",
                    en: "\(name.en) has no number and no kind: nothing says when it is reached.")
            let hint =
                hasNumber
                ? LocalizedText(
                    vi: "Chọn loại khớp với câu (ví dụ: tăng từ 100 lên 150) rồi nhập giá trị bắt đầu và mục tiêu.",
                    en: "Choose the kind that matches the sentence (e.g. increase from 100 to 150), then enter its "
                        + "start and target.")
                : LocalizedText(
                    vi: "Kết quả then chốt mang tính định lượng: chọn cách đo và ghi con số vào câu, ví dụ “Tăng MQL "
                        + "qua email từ 100 lên 150”.",
                    en: "A key result is quantitative: choose how it is measured and put the number in the "
                        + "sentence, e.g. “Raise MQL from email from 100 to 150”.")
            return QualityFinding(
                code: .keyResultNotMeasurable, severity: .error, target: .keyResult(index: index), message: message,
                hint: hint)
        }
        var missing: [LocalizedText] = []
        if kind.isDirectional && keyResult.start == nil {
            missing.append(LocalizedText(vi: "giá trị bắt đầu", en: "start value"))
        }
        let needsTarget = kind != .milestone && kind != .baseline
        if needsTarget && keyResult.target == nil {
            missing.append(
                kind == .range
                    ? LocalizedText(vi: "cận dưới", en: "lower bound") : LocalizedText(vi: "chỉ tiêu", en: "target"))
        }
        if kind == .range && keyResult.targetHigh == nil {
            missing.append(LocalizedText(vi: "cận trên", en: "upper bound"))
        }
        guard !missing.isEmpty else { return nil }
        let kindName = kindName(kind)
        let listVi = missing.map(\.vi).joined(separator: " và ")
        let listEn = missing.map { "no " + $0.en }.joined(separator: " and ")
        let enterEn = missing.map(\.en).joined(separator: " and ")
        return QualityFinding(
            code: .keyResultNotMeasurable, severity: .error, target: .keyResult(index: index),
            message: LocalizedText(
                vi: "\(name.vi) thuộc loại “\(kindName.vi)” nhưng chưa có \(listVi).",
                en: "\(name.en) is of kind “\(kindName.en)” but has \(listEn)."),
            hint: LocalizedText(
                vi: "Nhập \(listVi): thiếu chúng thì không tính được tiến độ.",
                en: "Enter the \(enterEn): without them progress cannot be computed."))
    }

    /// Mission rule 4: "finish 3 projects" is an activity; what measurable change it brings is the KR.
    static func activity(_ keyResult: KeyResultDraft, index: Int) -> QualityFinding? {
        guard let found = evidence(title: keyResult.title, titleEn: keyResult.titleEn, ActivityVerbs.leading)
        else { return nil }
        let label = "KR\(index + 1)"
        return QualityFinding(
            code: .keyResultIsActivity, severity: .warning, target: .keyResult(index: index),
            message: LocalizedText(
                vi: "\(label) \(quote(found.vi.title)) là một hoạt động (“\(found.vi.found)”), không phải một kết quả.",
                en: "\(label) \(quote(found.en.title)) reads as an activity (“\(found.en.found)”), not an outcome."),
            hint: LocalizedText(
                vi: "Kết quả then chốt không phải là hoạt động bạn hoàn thành mà là kết quả của những hoạt động "
                    + "đó: hãy viết thay đổi đo lường được mà hoạt động mang lại, ví dụ “Tăng MQL qua email từ 100 lên "
                    + "150”, và giữ hoạt động làm Sáng kiến.",
                en: "A key result is not the activity you finish but its result: write the measurable change the "
                    + "activity brings, e.g. “Raise MQL from email from 100 to 150”, and keep the activity as "
                    + "an initiative."))
    }

    /// Mission rule 9. A warning while the objective is being written, an error once it is published; for a
    /// closed or archived objective it is only a lesson for the next quarter.
    static func initiatives(_ keyResult: KeyResultDraft, index: Int, state: Objective.State) -> QualityFinding? {
        guard keyResult.initiativeCount == 0 else { return nil }
        let severity: QualitySeverity
        switch state {
        case .draft, .inReview: severity = .warning
        case .published: severity = .error
        case .closed, .archived: severity = .info
        }
        let name = keyResultName(keyResult, index: index)
        return QualityFinding(
            code: .keyResultWithoutInitiative, severity: severity, target: .keyResult(index: index),
            message: LocalizedText(
                vi: "\(name.vi) chưa có sáng kiến hay kế hoạch hành động nào thúc đẩy.",
                en: "\(name.en) has no initiative or action plan driving it."),
            hint: LocalizedText(
                vi: "Thêm dự án hoặc kế hoạch sẽ thúc đẩy nó. Nếu không có sáng kiến hoặc kế hoạch hành động nào để "
                    + "thúc đẩy, thì đó là một Kết quả then chốt cần loại bỏ hoặc thay thế.",
                en: "Add the project or plan that will drive it. A key result with no initiative or action plan "
                    + "behind it should be removed or replaced."))
    }

    /// A guarded KR ("8/10 with at least 100 responses") is not met while its count falls short, however
    /// good the value. Said only once measuring has begun: before that, nothing has failed yet.
    static func condition(_ keyResult: KeyResultDraft, index: Int) -> QualityFinding? {
        guard let condition = keyResult.condition, !condition.isMet,
            keyResult.current != nil || condition.actual != nil
        else { return nil }
        let name = keyResultName(keyResult, index: index)
        let metric = MetricNames.localized(condition.metric)
        let actual = condition.actual ?? 0
        let minimum = condition.minimum
        let short = minimum - actual
        let message: LocalizedText
        if let current = keyResult.current {
            message = LocalizedText(
                vi: "\(name.vi): \(NumberText.format(current, unit: keyResult.unit, .vi)) nhưng mới có "
                    + "\(number(actual, .vi)) trên \(number(minimum, .vi)) \(metric.vi) cần thiết.",
                en: "\(name.en): \(NumberText.format(current, unit: keyResult.unit, .en)) but only "
                    + "\(number(actual, .en)) of \(number(minimum, .en)) required \(metric.en).")
        } else {
            message = LocalizedText(
                vi: "\(name.vi): mới có \(number(actual, .vi)) trên \(number(minimum, .vi)) \(metric.vi) cần thiết.",
                en: "\(name.en): only \(number(actual, .en)) of \(number(minimum, .en)) required \(metric.en) "
                    + "so far.")
        }
        return QualityFinding(
            code: .validityConditionNotMet, severity: .warning, target: .keyResult(index: index), message: message,
            hint: LocalizedText(
                vi: "Kết quả chỉ được tính khi có ít nhất \(number(minimum, .vi)) \(metric.vi), dù giá trị tốt đến "
                    + "đâu: cần thêm \(number(short, .vi)) \(metric.vi).",
                en: "The result counts only with at least \(number(minimum, .en)) \(metric.en), however good the "
                    + "value: \(number(short, .en)) more needed."))
    }

    /// A committed objective is expected at 100% of the progress bar; a KR its owner doubts says otherwise.
    static func confidence(
        _ keyResult: KeyResultDraft, index: Int, kind: Objective.Kind, context: QualityContext
    ) -> QualityFinding? {
        guard kind == .committed, let confidence = keyResult.confidence, confidence < context.lowConfidence else {
            return nil
        }
        let name = keyResultName(keyResult, index: index)
        return QualityFinding(
            code: .committedObjectiveLowConfidence, severity: .warning, target: .keyResult(index: index),
            message: LocalizedText(
                vi: "Mục tiêu cam kết nhưng \(name.vi) chỉ có độ tự tin \(confidence) (dưới \(context.lowConfidence)).",
                en: "The objective is committed, but \(name.en) has a confidence of only \(confidence) "
                    + "(below \(context.lowConfidence))."),
            hint: LocalizedText(
                vi: "Mục tiêu cam kết được kỳ vọng đạt 100% trên thanh tiến trình: hãy điều chỉnh kế hoạch hoặc con "
                    + "số cho thực tế, hoặc chuyển thành mục tiêu khát vọng.",
                en: "A committed objective is expected at 100% of the progress bar: make the plan or the number "
                    + "realistic, or make the objective aspirational."))
    }
}
