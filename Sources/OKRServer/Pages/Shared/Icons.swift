/// Okra's own icons: small line drawings on a 24-unit grid, inline SVG in the current text colour. They are
/// decoration beside a text label (never alone), so they are hidden from assistive technology.
enum Icon: String, CaseIterable, Sendable {
    /// A tick in a circle: checking in, My week.
    case checkIn = "check-in"
    /// A target: an objective, the company's objectives.
    case objective
    /// Two people: a team.
    case team
    /// Linked nodes: the alignment map.
    case map
    /// A bell: notifications.
    case notifications
    /// Two arrows chasing each other: cycles.
    case cycles
    /// A cog: settings.
    case settings
    /// A speech bubble with a question mark: an ask for help.
    case ask
    /// Two speech bubbles: the weekly meeting.
    case meeting
    /// A line chart on its axes: KPIs, the health of what runs.
    case kpi

    /// The drawing's SVG elements (stroked, no fill).
    var drawing: String {
        switch self {
        case .checkIn: "<circle cx=\"12\" cy=\"12\" r=\"9\"/><path d=\"M8 12.5l2.8 2.8L16.5 9\"/>"
        case .objective:
            "<circle cx=\"12\" cy=\"12\" r=\"9\"/><circle cx=\"12\" cy=\"12\" r=\"5\"/>"
                + "<circle cx=\"12\" cy=\"12\" r=\"1.2\"/>"
        case .team:
            "<circle cx=\"9\" cy=\"8.5\" r=\"3\"/><path d=\"M3.5 19c.6-3.2 2.7-5 5.5-5s4.9 1.8 5.5 5\"/>"
                + "<circle cx=\"16.5\" cy=\"9.5\" r=\"2.4\"/><path d=\"M16 14.2c2.4 0 4 1.6 4.5 4.3\"/>"
        case .map:
            "<circle cx=\"12\" cy=\"5\" r=\"2.2\"/><circle cx=\"5.5\" cy=\"18\" r=\"2.2\"/>"
                + "<circle cx=\"18.5\" cy=\"18\" r=\"2.2\"/><path d=\"M12 7.2v4M12 11.2l-5.5 5M12 11.2l5.5 5\"/>"
        case .notifications:
            "<path d=\"M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 1.5h-15z\"/><path d=\"M10 20.5a2.2 2.2 0 0 0 4 0\"/>"
        case .cycles:
            "<path d=\"M19 12a7 7 0 0 1-12.2 4.7M5 12a7 7 0 0 1 12.2-4.7\"/>"
                + "<path d=\"M17.5 3.5v4h-4M6.5 20.5v-4h4\"/>"
        case .settings:
            "<circle cx=\"12\" cy=\"12\" r=\"3\"/><path d=\"M12 3v2.5M12 18.5V21M3 12h2.5M18.5 12H21"
                + "M5.6 5.6l1.8 1.8M16.6 16.6l1.8 1.8M5.6 18.4l1.8-1.8M16.6 7.4l1.8-1.8\"/>"
        case .ask:
            "<path d=\"M4 5.5h16v10H11l-4.5 4v-4H4z\"/>"
                + "<path d=\"M10 9a2 2 0 1 1 2.6 1.9c-.4.2-.6.5-.6.9v.4\"/><circle cx=\"12\" cy=\"14\" r=\".4\"/>"
        case .meeting:
            "<path d=\"M3.5 4.5h11v8H8l-3 2.5v-2.5H3.5z\"/><path d=\"M17.5 9h3v8.5H19v2.5l-3-2.5h-5.5v-2\"/>"
        case .kpi: "<path d=\"M4 4v16h16\"/><path d=\"M7.5 15l3.5-4 3 2.5 5-6.5\"/>"
        }
    }

    /// The icon as inline SVG, `1.15em` square (the stylesheet's `.icon`), hidden from assistive technology.
    var svg: String {
        "<svg class=\"icon icon-\(rawValue)\" viewBox=\"0 0 24 24\" width=\"18\" height=\"18\" aria-hidden=\"true\""
            + " focusable=\"false\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.8\""
            + " stroke-linecap=\"round\" stroke-linejoin=\"round\">\(drawing)</svg>"
    }

    /// Okra's mark, an okra pod on a target ring, for the favicon and the brand in the top bar.
    static let mark =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
        + "<circle cx=\"16\" cy=\"16\" r=\"15\" fill=\"#0b6e4f\"/>"
        + "<circle cx=\"16\" cy=\"16\" r=\"10.5\" fill=\"none\" stroke=\"#dafbe1\" stroke-width=\"1.6\"/>"
        + "<path d=\"M16 5.5c3.2 3.6 4.6 8.6 3.9 13.5-.5 3.5-2 6.3-3.9 7.8-1.9-1.5-3.4-4.3-3.9-7.8"
        + "-.7-4.9.7-9.9 3.9-13.5z\" fill=\"#8fd19e\" stroke=\"#dafbe1\" stroke-width=\"1\"/>"
        + "<path d=\"M16 8v17M14 10.5c-.6 4-.6 9 .5 13M18 10.5c.6 4 .6 9-.5 13\" fill=\"none\""
        + " stroke=\"#0b6e4f\" stroke-width=\"1\" stroke-linecap=\"round\"/>"
        + "<path d=\"M14.5 5.2h3L16 3z\" fill=\"#8fd19e\"/></svg>"
}
