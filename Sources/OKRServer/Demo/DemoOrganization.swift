import Foundation
import OKRCore
import OKRStore

/// A realistic organization to explore Okra with: the company and its Marketing, Sales and Engineering
/// teams with people; the current quarter active (the previous one closed and graded); the mission's
/// Marketing and Sales objectives with their exact key results, aligned to a company objective; personal
/// objectives; weeks of check-ins; initiatives (and one KR with none, so the quality check shows); weekly
/// updates; a dependency ask from Marketing to Sales; a KPI. Titles in Vietnamese with English translations.
public struct DemoOrganization: Sendable {
    public static let adminEmail = "admin@okra.demo"
    public static let password = "okra-demo-2026"

    let store: OKRStore
    let today: Day
    let passwordHash: String

    public init(store: OKRStore, today: Day, passwordHash: String) {
        self.store = store
        self.today = today
        self.passwordHash = passwordHash
    }

    /// Loads the demo unless the database already holds an organization. Returns whether it loaded.
    @discardableResult
    public func loadIfEmpty() async throws -> Bool {
        if try await store.settings() != nil { return false }
        try await load()
        return true
    }

    func load() async throws {
        try await store.saveSettings(
            OrganizationSettings(name: "Okra Demo", holidays: [], defaultLanguage: .vi), actor: nil)
        try await loadPeopleAndTeams()
        let current = Cycle.quarter(containing: today)
        let previousStart = current.start.adding(days: -1)
        var previous = Cycle.quarter(containing: previousStart)
        try await store.createCycle(try current.moved(to: .active), actor: nil)
        try await store.createCycle(previous, actor: nil)
        try await loadCurrentQuarter(try current.moved(to: .active))
        try await loadPreviousQuarter(previous)
        previous = try previous.moved(to: .active).moved(to: .closed)
        if let stored = try await store.cycle(id: previous.id) {
            _ = try await store.updateCycle(previous, expectedVersion: stored.version, actor: nil)
        }
    }

    // MARK: People and teams

    static let people: [(id: String, name: String, email: String, role: Role, team: String)] = [
        ("p-anh", "Nguyễn Minh Anh", adminEmail, .admin, "company"),
        ("p-ha", "Trần Thu Hà", "ha@okra.demo", .lead, "marketing"),
        ("p-nam", "Lê Văn Nam", "nam@okra.demo", .member, "marketing"),
        ("p-bao", "Phạm Quốc Bảo", "bao@okra.demo", .lead, "sales"),
        ("p-lan", "Võ Thị Lan", "lan@okra.demo", .member, "sales"),
        ("p-long", "Đặng Hoàng Long", "long@okra.demo", .lead, "engineering"),
        ("p-tam", "Bùi Thanh Tâm", "tam@okra.demo", .member, "engineering"),
        ("p-mai", "Hoàng Mai", "mai@okra.demo", .viewer, "company"),
    ]

    static let teams: [(id: String, vi: String, en: String, parent: String?, lead: String)] = [
        ("company", "Công ty Okra", "Okra Company", nil, "p-anh"),
        ("marketing", "Marketing", "Marketing", "company", "p-ha"),
        ("sales", "Kinh doanh", "Sales", "company", "p-bao"),
        ("engineering", "Kỹ thuật", "Engineering", "company", "p-long"),
    ]

    /// Teams first (a person joins existing teams), then people, then each team gets its lead and members.
    func loadPeopleAndTeams() async throws {
        for team in Self.teams {
            try await store.createTeam(
                Team(
                    id: TeamID(team.id), name: LocalizedName(vi: team.vi, en: team.en),
                    parentID: team.parent.map { TeamID($0) }), actor: nil)
        }
        for p in Self.people {
            try await store.createPerson(
                Person(id: PersonID(p.id), name: p.name, email: p.email, role: p.role, teamIDs: [TeamID(p.team)]),
                passwordHash: passwordHash, actor: nil)
        }
        for team in Self.teams {
            guard let stored = try await store.team(id: TeamID(team.id)) else { continue }
            var updated = stored.value
            updated.leadIDs = [PersonID(team.lead)]
            updated.memberIDs = Self.people.filter { $0.team == team.id }.map { PersonID($0.id) }
            _ = try await store.updateTeam(updated, expectedVersion: stored.version, actor: nil)
        }
    }

    // MARK: The current quarter

    /// A KR of the demo with the value it has reached by today and how its weeks went.
    struct DemoKR {
        let id: String
        let vi: String
        let en: String
        let kind: KeyResult.Kind
        var unit: MeasureUnit = .number
        var start: Decimal?
        var target: Decimal?
        let reached: Decimal
        var confidence: Int = 7
        var owner: String?
        var condition: (metric: String, minimum: Decimal, reached: Decimal)?
        var initiatives: [(vi: String, en: String, state: Initiative.State)] = []
    }

    func loadCurrentQuarter(_ cycle: Cycle) async throws {
        let company = try await objective(
            "o-company-growth", cycle, vi: "Tăng trưởng doanh thu bền vững từ khách hàng mới",
            en: "Grow revenue sustainably from new customers", owner: .company, kind: .aspirational,
            why: "Ban lãnh đạo: quý này mọi phòng ban cùng tập trung vào khách hàng mới có giá trị.",
            source: .both)
        try await keyResults(
            company, cycle,
            [
                DemoKR(
                    id: "kr-company-mrr", vi: "Tăng doanh thu định kỳ hằng tháng (MRR) từ 1,2 tỷ lên 1,8 tỷ đồng",
                    en: "Raise monthly recurring revenue from 1.2 to 1.8 billion VND", kind: .increase,
                    unit: .currency(code: "VND", precision: 0), start: 1_200_000_000, target: 1_800_000_000,
                    reached: 1_530_000_000, confidence: 6, owner: "p-anh",
                    initiatives: [("Chương trình giới thiệu khách hàng", "Customer referral programme", .inProgress)]),
                DemoKR(
                    id: "kr-company-customers", vi: "Tăng số khách hàng trả phí từ 320 lên 450",
                    en: "Grow paying customers from 320 to 450", kind: .increase, start: 320, target: 450, reached: 395,
                    confidence: 7, owner: "p-anh",
                    initiatives: [("Gói dùng thử 30 ngày", "30-day trial plan", .inProgress)]),
            ])

        let marketing = try await objective(
            "o-mkt-mql", cycle, vi: "Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn",
            en: "Improve advertising channels to generate more Marketing Qualified Leads (MQL)",
            owner: .team("marketing"), kind: .committed,
            why: "MQL là đầu vào của cả phễu bán hàng; ba kênh chính còn nhiều dư địa.",
            parents: [try AlignmentLink(to: .objective(company), weight: 1)])
        try await keyResults(
            marketing, cycle,
            [
                DemoKR(
                    id: "kr-mkt-email", vi: "Tăng MQL từ email từ 100 lên 150",
                    en: "Raise MQL from email from 100 to 150",
                    kind: .increase, unit: .label("MQL"), start: 100, target: 150, reached: 130, confidence: 8,
                    owner: "p-nam",
                    initiatives: [
                        ("Bản tin email hằng tuần mới", "New weekly email newsletter", .inProgress),
                        ("Chuỗi email nuôi dưỡng 5 bước", "5-step nurture e-mail sequence", .done),
                    ]),
                DemoKR(
                    id: "kr-mkt-adwords", vi: "Tăng MQL từ AdWords từ 70 lên 100",
                    en: "Raise MQL from AdWords from 70 to 100",
                    kind: .increase, unit: .label("MQL"), start: 70, target: 100, reached: 85, confidence: 6,
                    owner: "p-ha",
                    initiatives: [
                        ("Tối ưu từ khóa và trang đích", "Keyword and landing page optimisation", .inProgress)
                    ]),
                DemoKR(
                    id: "kr-mkt-organic", vi: "Tăng MQL từ tìm kiếm tự nhiên từ 45 lên 50",
                    en: "Raise MQL from organic search from 45 to 50", kind: .increase, unit: .label("MQL"), start: 45,
                    target: 50, reached: 50, confidence: 9, owner: "p-ha",
                    initiatives: [("Viết 12 bài blog chuẩn SEO", "12 SEO blog articles", .done)]),
            ])

        let sales = try await objective(
            "o-sales-nurture", cycle,
            vi: "Cá nhân hóa cách tiếp cận bán hàng và nuôi dưỡng khách hàng tiềm năng mới tốt hơn",
            en: "Personalise the sales approach and nurture new leads better", owner: .team("sales"), kind: .committed,
            why: "Khách hàng dùng thử cần được chăm sóc theo nhu cầu riêng để chuyển thành khách trả phí.",
            parents: [try AlignmentLink(to: .objective(company), weight: 1)])
        try await keyResults(
            sales, cycle,
            [
                DemoKR(
                    id: "kr-sales-trial", vi: "Tăng tỉ lệ chuyển đổi từ dùng thử sang trả phí từ 20% lên 35%",
                    en: "Raise trial-to-paid conversion from 20% to 35%", kind: .increase, unit: .percent, start: 20,
                    target: 35, reached: 26, confidence: 5, owner: "p-bao",
                    initiatives: [("Kịch bản gọi điện theo ngành", "Industry-specific call scripts", .inProgress)]),
                DemoKR(
                    id: "kr-sales-open-rate", vi: "Tăng tỉ lệ mở email chăm sóc từ 14% lên 45%",
                    en: "Raise follow-up e-mail open rate from 14% to 45%", kind: .increase, unit: .percent, start: 14,
                    target: 45, reached: 31, confidence: 6, owner: "p-lan",
                    initiatives: [("Cá nhân hóa tiêu đề email", "Personalised subject lines", .inProgress)]),
                DemoKR(
                    id: "kr-sales-survey",
                    vi:
                        "Đạt điểm trung bình 8/10 trong khảo sát mức độ hài lòng của khách hàng với ít nhất 100 phản hồi",
                    en: "Reach an average of 8/10 in the customer satisfaction survey with at least 100 responses",
                    kind: .atLeast, unit: .label("/10"), target: 8, reached: Decimal(string: "8.6")!, confidence: 6,
                    owner: "p-bao", condition: ("responses", 100, 40),
                    initiatives: [("Khảo sát sau mỗi buổi demo", "Survey after every demo", .inProgress)]),
            ])

        let engineering = try await objective(
            "o-eng-speed", cycle, vi: "Mang lại trải nghiệm sản phẩm nhanh và ổn định cho khách hàng mới",
            en: "Give new customers a fast and reliable product", owner: .team("engineering"), kind: .committed,
            why: "Khách dùng thử bỏ đi khi trang chậm và lỗi nhiều.",
            parents: [try AlignmentLink(to: .objective(company), weight: 1)])
        try await keyResults(
            engineering, cycle,
            [
                DemoKR(
                    id: "kr-eng-load", vi: "Giảm thời gian tải trang trung bình từ 3,2 giây xuống 1,5 giây",
                    en: "Cut average page load time from 3.2 s to 1.5 s", kind: .decrease, unit: .label("s"),
                    start: Decimal(string: "3.2")!, target: Decimal(string: "1.5")!, reached: Decimal(string: "2.1")!,
                    confidence: 7, owner: "p-long",
                    initiatives: [("Chuyển ảnh sang CDN và nén", "Move images to a CDN, compressed", .inProgress)]),
                DemoKR(
                    id: "kr-eng-tickets", vi: "Giảm số ticket hỗ trợ do lỗi từ 120 xuống 60 mỗi tháng",
                    en: "Reduce bug-related support tickets from 120 to 60 a month", kind: .decrease,
                    unit: .label("ticket"), start: 120, target: 60, reached: 95, confidence: 4, owner: "p-tam",
                    initiatives: [("Tuần lễ sửa lỗi mỗi tháng", "A bug-fixing week every month", .planned)]),
                // No initiative on purpose: mission rule 9, and the quality check shows it.
                DemoKR(
                    id: "kr-eng-p95", vi: "Giữ thời gian phản hồi API p95 dưới 300 ms",
                    en: "Keep API p95 response time under 300 ms", kind: .atMost, unit: .label("ms"), target: 300,
                    reached: 240, confidence: 8, owner: "p-tam"),
            ])

        let nam = try await objective(
            "o-nam-email", cycle, vi: "Trở thành người dẫn dắt email marketing của nhóm",
            en: "Become the team's e-mail marketing lead", owner: .person("p-nam"), kind: .aspirational,
            parents: [try AlignmentLink(to: .keyResult("kr-mkt-email"), weight: 1)])
        try await keyResults(
            nam, cycle,
            [
                DemoKR(
                    id: "kr-nam-open", vi: "Tăng tỉ lệ mở bản tin từ 18% lên 28%",
                    en: "Raise newsletter open rate from 18% to 28%", kind: .increase, unit: .percent, start: 18,
                    target: 28, reached: 23, confidence: 7, owner: "p-nam",
                    initiatives: [("Thử nghiệm A/B tiêu đề mỗi tuần", "Weekly subject-line A/B tests", .inProgress)]),
                DemoKR(
                    id: "kr-nam-ctr", vi: "Tăng tỉ lệ nhấp từ bản tin từ 2% lên 4%",
                    en: "Raise newsletter click-through rate from 2% to 4%", kind: .increase, unit: .percent, start: 2,
                    target: 4, reached: Decimal(string: "2.9")!, confidence: 6, owner: "p-nam",
                    initiatives: [("Nút kêu gọi hành động rõ hơn", "Clearer call-to-action buttons", .planned)]),
            ])

        let lan = try await objective(
            "o-lan-cycle", cycle, vi: "Rút ngắn thời gian để khách dùng thử quyết định mua",
            en: "Shorten the time trial customers take to buy", owner: .person("p-lan"), kind: .committed,
            parents: [try AlignmentLink(to: .objective(sales), weight: 1)])
        try await keyResults(
            lan, cycle,
            [
                DemoKR(
                    id: "kr-lan-days", vi: "Giảm số ngày từ dùng thử đến trả phí từ 21 xuống 14",
                    en: "Cut days from trial to paid from 21 to 14", kind: .decrease, unit: .label("ngày"), start: 21,
                    target: 14, reached: 18, confidence: 6, owner: "p-lan",
                    initiatives: [("Gọi chào mừng trong 24 giờ", "Welcome call within 24 hours", .inProgress)]),
                DemoKR(
                    id: "kr-lan-demos", vi: "Tăng số buổi demo được đặt mỗi tháng từ 12 lên 25",
                    en: "Grow booked demos from 12 to 25 a month", kind: .increase, start: 12, target: 25, reached: 19,
                    confidence: 7, owner: "p-lan",
                    initiatives: [("Lịch đặt demo trên trang giá", "Demo booking on the pricing page", .done)]),
            ])

        try await weeklyUpdates(cycle)
        let ask = try DependencyAsk(
            id: "ask-mkt-sales", fromTeamID: "marketing", toTeamID: "sales", keyResultID: "kr-mkt-email",
            need: "Gọi lại trong 24 giờ cho mọi MQL đến từ chiến dịch email, để đo được tỉ lệ chuyển đổi của kênh.",
            dueBy: min(cycle.end, today.adding(days: 14)))
        try await store.createAsk(ask, actor: "p-ha")
        try await store.addComment(
            Comment(
                id: "c-question", subject: .objective(sales), authorID: "p-anh",
                body: "Khảo sát mới có 40 phản hồi: @bao có kế hoạch nào để đạt 100 trước cuối quý không?",
                isQuestion: true, createdAt: instant(today.adding(days: -3))), actor: "p-anh")
        try await store.addComment(
            Comment(
                id: "c-answer", subject: .objective(sales), authorID: "p-bao",
                body: "Có: từ tuần sau gửi khảo sát sau mỗi buổi demo và mỗi cuộc gọi hỗ trợ.",
                createdAt: instant(today.adding(days: -2)), answers: "c-question"), actor: "p-bao")
        try await loadKPI()
    }

    func objective(
        _ id: String, _ cycle: Cycle, vi: String, en: String, owner: Owner, kind: Objective.Kind, why: String? = nil,
        parents: [AlignmentLink] = [], source: Objective.ProgressSource = .keyResults,
        state: Objective.State = .published
    ) async throws -> ObjectiveID {
        let objective = try Objective(
            id: ObjectiveID(id), cycleID: cycle.id, title: LocalizedName(vi: vi, en: en), description: why,
            owner: owner, kind: kind, state: state, parents: parents, progressSource: source)
        _ = try await store.createObjective(objective, actor: nil)
        return objective.id
    }

    /// Creates the KRs with their initiatives, and a check-in every Friday from the start of the cycle up to
    /// today, moving from the start value to the value reached, with confidence and a note.
    func keyResults(_ objective: ObjectiveID, _ cycle: Cycle, _ krs: [DemoKR]) async throws {
        let fridays = Self.checkInDays(cycle: cycle, today: today)
        for (index, demo) in krs.enumerated() {
            let condition = try demo.condition.map {
                try ValidityCondition(metric: $0.metric, minimum: $0.minimum, actual: nil)
            }
            let kr = try KeyResult(
                id: KeyResultID(demo.id), objectiveID: objective, title: LocalizedName(vi: demo.vi, en: demo.en),
                owner: demo.owner.map { .person(PersonID($0)) }, kind: demo.kind, unit: demo.unit, start: demo.start,
                target: demo.target, condition: condition, cycle: cycle)
            _ = try await store.createKeyResult(kr, actor: nil)
            for (n, initiative) in demo.initiatives.enumerated() {
                try await store.createInitiative(
                    Initiative(
                        id: InitiativeID("\(demo.id)-i\(n + 1)"),
                        title: LocalizedName(vi: initiative.vi, en: initiative.en), owner: kr.owner,
                        state: initiative.state, keyResultIDs: [kr.id],
                        started: initiative.state == .planned ? nil : cycle.start.adding(days: 7),
                        finished: initiative.state == .done ? today.adding(days: -14) : nil), actor: nil)
            }
            let author = PersonID(demo.owner ?? "p-anh")
            for (week, day) in fridays.enumerated() {
                let share = Decimal(week + 1) / Decimal(fridays.count)
                let value = Self.value(demo, share: share, wobble: (week + index) % 3 == 1)
                let confidence = max(1, min(10, demo.confidence + (week == fridays.count - 1 ? 0 : (week % 2))))
                let conditionActual = demo.condition.map { ($0.reached * share).rounded(0) }
                let checkIn = try CheckIn(
                    id: CheckInID("\(demo.id)-w\(week + 1)"), keyResultID: kr.id, value: value,
                    confidence: try Confidence(confidence), note: Self.notes[(week + index) % Self.notes.count],
                    authorID: author, recordedAt: instant(day), day: day, conditionActual: conditionActual)
                _ = try await store.recordCheckIn(checkIn, actor: author)
            }
        }
    }

    static let notes = [
        "Đúng kế hoạch tuần này.",
        "Chậm hơn dự kiến vì nghỉ lễ; tuần sau bù lại.",
        "Chiến dịch mới bắt đầu có kết quả.",
        "Cần hỗ trợ thêm từ nhóm khác.",
    ]

    /// The value at `share` of the way from the start to the reached value, rounded as it would be entered.
    static func value(_ demo: DemoKR, share: Decimal, wobble: Bool) -> Decimal {
        switch demo.kind {
        case .increase, .decrease:
            let start = demo.start ?? 0
            var value = start + (demo.reached - start) * share
            if wobble && share < 1 { value -= (demo.reached - start) / 20 }
            return value.rounded(demo.reached.exponentPlaces)
        case .milestone:
            return share >= 1 ? demo.reached : 0
        default:
            return share >= 1 ? demo.reached : (demo.reached * (share / 2 + Decimal(string: "0.5")!)).rounded(1)
        }
    }

    /// Fridays from the cycle's first week up to today (at least one check-in).
    static func checkInDays(cycle: Cycle, today: Day) -> [Day] {
        var days: [Day] = []
        var day = cycle.start
        while day.weekday != .friday { day = day.adding(days: 1) }
        let last = min(today, cycle.end)
        while day <= last {
            days.append(day)
            day = day.adding(days: 7)
        }
        return days.isEmpty ? [cycle.start] : days
    }

    /// When the demo's records of `day` were made: 17:00 in Hà Nội (UTC+7, 10:00 UTC) on past days, and a
    /// few minutes after midnight today, so that nothing in the demo is recorded later than a person using it
    /// right after it loads (their check-in must be the latest).
    func instant(_ day: Day) -> Date {
        let midnight = TimeInterval(day.julianDay - 2_440_588) * 86_400 - 7 * 3600
        return Date(timeIntervalSince1970: midnight + (day < today ? 17 * 3600 : 300))
    }

    func weeklyUpdates(_ cycle: Cycle) async throws {
        let thisWeek = today.startOfWeek(.monday)
        for (offset, week) in [thisWeek.adding(days: -7), thisWeek].enumerated() where week >= cycle.start {
            try await store.saveWeeklyUpdate(
                WeeklyUpdate(
                    id: WeeklyUpdateID("wu-nam-\(week.iso)"), personID: "p-nam", week: week,
                    plans: [
                        try PlanItem(
                            text: "Gửi bản tin tuần với tiêu đề A/B", keyResultID: "kr-nam-open", done: offset == 0),
                        try PlanItem(text: "Dọn danh sách email không hoạt động", keyResultID: "kr-mkt-email"),
                        try PlanItem(text: "Cập nhật ảnh bìa fanpage"),
                    ],
                    progress: "Tỉ lệ mở tăng 2 điểm sau khi đổi giờ gửi.",
                    problems: offset == 1 ? "Cần Sales phản hồi nhanh hơn với MQL từ email." : nil, mood: 4),
                expectedVersion: nil, actor: "p-nam")
            try await store.saveWeeklyUpdate(
                WeeklyUpdate(
                    id: WeeklyUpdateID("wu-lan-\(week.iso)"), personID: "p-lan", week: week,
                    plans: [
                        try PlanItem(text: "Gọi chào mừng 15 khách dùng thử mới", keyResultID: "kr-lan-days"),
                        try PlanItem(text: "Chuẩn bị demo cho 3 khách doanh nghiệp", keyResultID: "kr-lan-demos"),
                    ],
                    progress: "Chốt 4 khách trả phí trong tuần.", problems: nil, mood: 3),
                expectedVersion: nil, actor: "p-lan")
        }
    }

    func loadKPI() async throws {
        let kpi = try KPI(
            id: "kpi-churn", name: LocalizedName(vi: "Tỉ lệ rời bỏ hằng tháng", en: "Monthly churn rate"),
            unit: .percent, direction: .lowerIsBetter, healthy: 2, unhealthy: 4, ownerTeamID: "sales")
        try await store.createKPI(kpi, actor: nil)
        let values: [Decimal] = [Decimal(string: "3.4")!, Decimal(string: "3.1")!, Decimal(string: "2.8")!]
        for (n, value) in values.enumerated() {
            let day = today.adding(days: -30 * (values.count - 1 - n))
            try await store.recordKPIValue(try KPIValue(kpiID: kpi.id, day: day, value: value), actor: nil)
        }
    }

    // MARK: The previous quarter, closed and graded

    func loadPreviousQuarter(_ cycle: Cycle) async throws {
        let objective = try await objective(
            "o-prev-onboarding", cycle, vi: "Giúp khách hàng mới thành công ngay trong tuần đầu",
            en: "Help new customers succeed in their first week", owner: .company, kind: .committed, state: .closed)
        // Each KR is answered for by a lead, so the closed quarter's calibration has people and teams to show.
        let krs: [(String, String, String, Decimal, Decimal, Decimal, PersonID)] = [
            (
                "kr-prev-activation", "Tăng tỉ lệ kích hoạt trong 7 ngày từ 35% lên 60%",
                "Raise 7-day activation from 35% to 60%", 35, 60, 57, "p-ha"
            ),
            (
                "kr-prev-nps", "Tăng NPS của khách hàng mới từ 20 lên 40", "Raise new customers' NPS from 20 to 40", 20,
                40, 31, "p-bao"
            ),
        ]
        for (id, vi, en, start, target, reached, owner) in krs {
            let kr = try KeyResult(
                id: KeyResultID(id), objectiveID: objective, title: LocalizedName(vi: vi, en: en),
                owner: .person(owner),
                kind: .increase, unit: .percent, start: start, target: target)
            _ = try await store.createKeyResult(kr, actor: nil)
            try await store.createInitiative(
                Initiative(
                    id: InitiativeID("\(id)-i1"),
                    title: LocalizedName(vi: "Hướng dẫn khởi đầu", en: "Onboarding guide"),
                    state: .done, keyResultIDs: [kr.id], started: cycle.start.adding(days: 7),
                    finished: cycle.end.adding(days: -2)), actor: nil)
            let day = cycle.end.adding(days: -2)
            let recorded = try await store.recordCheckIn(
                CheckIn(
                    id: CheckInID("\(id)-final"), keyResultID: kr.id, value: reached, confidence: try Confidence(7),
                    note: "Số liệu cuối quý.", authorID: "p-anh", recordedAt: instant(day), day: day), actor: "p-anh")
            try await store.saveGrade(
                KeyResultGrade(progress: recorded.value.progress()), keyResult: kr.id, actor: "p-anh")
        }
    }
}

extension Decimal {
    /// How many decimal places the value was written with (8.6 → 1, 130 → 0).
    var exponentPlaces: Int { Swift.max(0, -Int(exponent)) }
}
