import Foundation
import OKRCore

/// OKRs as a spreadsheet lays them out (CSV, or the first sheet of an XLSX workbook): **one row per key result**,
/// its objective repeated on each of its rows. A KR with several initiatives takes one more row per initiative
/// (objective and KR repeated); an objective without KRs takes one row with the KR's columns empty. An XLSX
/// workbook may add a second sheet of check-ins, one row per check-in, naming its objective and KR.
///
/// Headers are read in Vietnamese or English, with or without diacritics (`OKRSheet.Column`); only objective,
/// owner and key result are required. Numbers are read as `SpreadsheetNumber` says, with the decimal comma of a
/// file whose headers are Vietnamese. `template(_:)` writes the layout with the guide's Marketing example.
public enum OKRSheet {
    /// The columns of the OKR sheet, in the order an export and the template write them.
    enum Column: String, LabeledColumn {
        case cycle, objectiveID, objective, objectiveEn, description, owner, objectiveKind, state, visibility
        case progressSource, parent, parentWeight
        case keyResultID, keyResult, keyResultEn, keyResultOwner, kind, start, target, targetHigh, unit, weight
        case conditionMetric, conditionMinimum, due
        case initiativeID, initiative, initiativeOwner, initiativeState, initiativeDue, initiativeLink

        var headers: Set<String> {
            var words: Set<String> = [Folding.fold(label(.vi)), Folding.fold(label(.en))]
            switch self {
            case .objective: words.formUnion(["objective", "objective title", "muc tieu", "ten muc tieu", "o"])
            case .owner: words.formUnion(["owner", "chu so huu", "nguoi phu trach", "phu trach", "so huu"])
            case .keyResult: words.formUnion(["key result", "kr", "ket qua then chot", "ket qua"])
            case .kind: words.formUnion(["kr kind", "kind", "cach do", "loai kr", "loai ket qua"])
            case .start: words.formUnion(["start", "bat dau", "gia tri dau", "gia tri bat dau"])
            case .target: words.formUnion(["target", "dich", "gia tri dich", "chi tieu"])
            case .unit: words.formUnion(["unit", "don vi", "don vi do"])
            case .initiative: words.formUnion(["initiative", "initiatives", "sang kien", "hanh dong"])
            case .parent:
                words.formUnion(["parent", "parent objective", "aligned to", "muc tieu cap tren", "cap tren"])
            case .cycle: words.formUnion(["cycle", "chu ky", "quy"])
            default: break
            }
            return words
        }

        func label(_ language: Language) -> String {
            let (vi, en): (String, String) =
                switch self {
                case .cycle: ("Chu kỳ", "Cycle")
                case .objectiveID: ("Mã mục tiêu", "Objective id")
                case .objective: ("Mục tiêu", "Objective")
                case .objectiveEn: ("Mục tiêu (tiếng Anh)", "Objective (English)")
                case .description: ("Mô tả", "Description")
                case .owner: ("Chủ sở hữu", "Owner")
                case .objectiveKind: ("Loại mục tiêu", "Objective kind")
                case .state: ("Trạng thái", "State")
                case .visibility: ("Phạm vi xem", "Visibility")
                case .progressSource: ("Nguồn tiến độ", "Progress source")
                case .parent: ("Mục tiêu cấp trên", "Parent objective")
                case .parentWeight: ("Trọng số liên kết", "Link weight")
                case .keyResultID: ("Mã KR", "KR id")
                case .keyResult: ("Kết quả then chốt", "Key result")
                case .keyResultEn: ("Kết quả then chốt (tiếng Anh)", "Key result (English)")
                case .keyResultOwner: ("Người phụ trách KR", "KR owner")
                case .kind: ("Cách đo", "KR kind")
                case .start: ("Giá trị bắt đầu", "Start")
                case .target: ("Giá trị đích", "Target")
                case .targetHigh: ("Giá trị đích trên", "Target high")
                case .unit: ("Đơn vị", "Unit")
                case .weight: ("Trọng số KR", "KR weight")
                case .conditionMetric: ("Điều kiện hợp lệ", "Validity condition")
                case .conditionMinimum: ("Mức tối thiểu của điều kiện", "Condition minimum")
                case .due: ("Hạn KR", "KR due")
                case .initiativeID: ("Mã sáng kiến", "Initiative id")
                case .initiative: ("Sáng kiến", "Initiative")
                case .initiativeOwner: ("Người phụ trách sáng kiến", "Initiative owner")
                case .initiativeDue: ("Hạn sáng kiến", "Initiative due")
                case .initiativeState: ("Trạng thái sáng kiến", "Initiative state")
                case .initiativeLink: ("Liên kết sáng kiến", "Initiative link")
                }
            return language == .vi ? vi : en
        }
    }

    /// The columns of the check-ins sheet.
    enum CheckInColumn: String, LabeledColumn {
        case objectiveID, objective, owner, keyResultID, keyResult, checkInID, day, value, confidence, conditionActual
        case note, author, recordedAt

        var headers: Set<String> {
            var words: Set<String> = [Folding.fold(label(.vi)), Folding.fold(label(.en))]
            switch self {
            case .objective: words.formUnion(["objective", "muc tieu"])
            case .keyResult: words.formUnion(["key result", "kr", "ket qua then chot"])
            case .day: words.formUnion(["day", "date", "ngay"])
            case .value: words.formUnion(["value", "gia tri"])
            case .author: words.formUnion(["author", "e-mail", "email", "nguoi cap nhat", "nguoi check-in"])
            default: break
            }
            return words
        }

        func label(_ language: Language) -> String {
            let (vi, en): (String, String) =
                switch self {
                case .objectiveID: ("Mã mục tiêu", "Objective id")
                case .objective: ("Mục tiêu", "Objective")
                case .owner: ("Chủ sở hữu", "Owner")
                case .keyResultID: ("Mã KR", "KR id")
                case .keyResult: ("Kết quả then chốt", "Key result")
                case .checkInID: ("Mã check-in", "Check-in id")
                case .day: ("Ngày", "Day")
                case .value: ("Giá trị", "Value")
                case .confidence: ("Độ tự tin", "Confidence")
                case .conditionActual: ("Số đếm của điều kiện", "Condition count")
                case .note: ("Ghi chú", "Note")
                case .author: ("Người cập nhật", "Author")
                case .recordedAt: ("Thời điểm ghi", "Recorded at")
                }
            return language == .vi ? vi : en
        }
    }

    /// The columns of the cycles sheet: what an import needs to create a cycle no one has yet.
    enum CycleColumn: String, LabeledColumn {
        case name, start, end, state

        var headers: Set<String> {
            var words: Set<String> = [Folding.fold(label(.vi)), Folding.fold(label(.en))]
            switch self {
            case .start: words.formUnion(["start date", "starts on", "tu ngay"])
            case .end: words.formUnion(["end date", "ends on", "den ngay"])
            default: break
            }
            return words
        }

        func label(_ language: Language) -> String {
            let (vi, en): (String, String) =
                switch self {
                case .name: ("Chu kỳ", "Cycle")
                case .start: ("Ngày bắt đầu", "Starts")
                case .end: ("Ngày kết thúc", "Ends")
                case .state: ("Trạng thái chu kỳ", "Cycle state")
                }
            return language == .vi ? vi : en
        }
    }

    static func cycleState(_ text: String) -> Cycle.State? {
        switch Folding.fold(text) {
        case "planning", "len ke hoach", "dang len ke hoach", "ke hoach": .planning
        case "", "active", "dang chay", "dang dien ra": .active
        case "closed", "da dong", "dong": .closed
        default: nil
        }
    }

    static func word(_ state: Cycle.State, _ language: Language) -> String {
        guard language == .vi else { return state.rawValue }
        switch state {
        case .planning: return "Lên kế hoạch"
        case .active: return "Đang chạy"
        case .closed: return "Đã đóng"
        }
    }

    // MARK: Words

    /// Between an objective and one of its KRs in the parent column: `Objective › KR`.
    static let keyResultMark = " › "

    /// `company` in the language of a file.
    static func companyWord(_ language: Language) -> String { language == .vi ? "Công ty" : "Company" }

    static func isCompany(_ text: String) -> Bool {
        ["company", "cong ty", "toan cong ty"].contains(Folding.fold(text))
    }

    static func keyResultKind(_ text: String) -> KeyResult.Kind? {
        let folded = Folding.fold(text).replacingOccurrences(of: "_", with: " ")
        switch folded {
        case "increase", "tang", "tang len": return .increase
        case "decrease", "giam", "giam xuong": return .decrease
        case "at least", "toi thieu", "it nhat", ">=", "≥": return .atLeast
        case "at most", "toi da", "nhieu nhat", "<=", "≤": return .atMost
        case "range", "khoang", "trong khoang": return .range
        case "milestone", "cot moc": return .milestone
        case "baseline", "duong co so", "thiet lap duong co so": return .baseline
        default: return KeyResult.Kind(rawValue: text)
        }
    }

    static func objectiveKind(_ text: String) -> Objective.Kind? {
        switch Folding.fold(text) {
        case "", "committed", "cam ket": .committed
        case "aspirational", "kha vong", "khat vong", "tham vong": .aspirational
        default: nil
        }
    }

    static func objectiveState(_ text: String) -> Objective.State? {
        switch Folding.fold(text).replacingOccurrences(of: "_", with: " ") {
        case "", "published", "cong bo", "da cong bo": .published
        case "draft", "nhap", "ban nhap": .draft
        case "in review", "review", "cho duyet", "dang duyet": .inReview
        case "closed", "da dong", "dong": .closed
        case "archived", "luu tru", "da luu tru": .archived
        default: nil
        }
    }

    static func visibility(_ text: String) -> Objective.Visibility? {
        switch Folding.fold(text) {
        case "", "organization", "everyone", "to chuc", "toan to chuc", "moi nguoi", "cong khai": .organization
        case "private", "rieng tu", "rieng": .private
        default: nil
        }
    }

    static func progressSource(_ text: String) -> Objective.ProgressSource? {
        switch Folding.fold(text).replacingOccurrences(of: "_", with: " ") {
        case "", "key results", "krs", "kr", "ket qua then chot": .keyResults
        case "children", "aligned objectives", "muc tieu con", "muc tieu cap duoi", "cap duoi": .children
        case "both", "ca hai": .both
        default: nil
        }
    }

    static func initiativeState(_ text: String) -> Initiative.State? {
        switch Folding.fold(text).replacingOccurrences(of: "_", with: " ") {
        case "", "planned", "ke hoach", "du kien": .planned
        case "in progress", "dang lam", "dang thuc hien": .inProgress
        case "done", "xong", "hoan thanh", "da xong": .done
        case "dropped", "bo", "da bo", "huy": .dropped
        default: nil
        }
    }

    static func unit(_ text: String) -> MeasureUnit? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch Folding.fold(trimmed) {
        case "", "number", "so": return .number
        case "%", "percent", "phan tram": return .percent
        case "vnd", "₫", "dong", "d": return try? MeasureUnit.currency("VND")
        case "usd", "$": return try? MeasureUnit.currency("USD")
        default: return try? MeasureUnit.parse(trimmed)
        }
    }

    /// The text a file shows for a unit: `%`, `VND`, the label; empty for a plain number.
    static func unitText(_ unit: MeasureUnit) -> String {
        switch unit {
        case .number: ""
        case .percent: "%"
        case .currency(let code, _): code
        case .label(let label): label
        }
    }

    /// The number as a file writes it: plain digits, a dot for decimals.
    static func number(_ value: Decimal?) -> String {
        guard let value else { return "" }
        return NSDecimalNumber(decimal: value).stringValue
    }
}
