import LumbungDomain

/// The main menu of every page, made for the signed-in user: a link shows only when the route's own
/// access rule (from the `RuleBook`, the rule the router checks) lets the user's role open it.
/// Someone not signed in gets no menu: every page behind it would ask them to sign in.
struct Menu {
    struct Link {
        /// The catalogue key of its label.
        let label: String
        let path: String
    }

    /// Every link the menu can hold, in order; each names a `GET` route.
    static let links: [Link] = [
        Link(label: "menu_home", path: "/"), Link(label: "menu_regions", path: "/wilayah"), Link(label: "menu_ranking", path: "/peringkat"),
        Link(label: "menu_programmes", path: "/program"), Link(label: "menu_coordination", path: "/koordinasi"),
        Link(label: "menu_monitoring", path: "/pemantauan"), Link(label: "menu_external", path: "/sumber-lain"), Link(label: "menu_import", path: "/impor"),
    ]

    /// The links `role` may open (none without a role).
    static func links(for role: Role?, rules: RuleBook) -> [Link] {
        guard let role else { return [] }
        return links.filter { rules.rule(for: "GET \($0.path)")?.permits(role) ?? false }
    }

    /// The menu's HTML, or nothing.
    static func html(for role: Role?, rules: RuleBook, texts: Catalogue = .of(.id)) -> String {
        let shown = links(for: role, rules: rules)
        guard !shown.isEmpty else { return "" }
        return "<nav class=\"main\">" + shown.map { "<a href=\"\($0.path)\">\(HTML.escape(texts[$0.label]))</a>" }.joined(separator: " ") + "</nav>"
    }
}

extension AccessRule {
    /// Whether a user of `role` passes the role part of the rule (their region scope is checked per request).
    func permits(_ role: Role) -> Bool {
        switch self {
        case .open, .signedIn: true
        case .permitted(let permission, _): role.may(permission)
        }
    }
}
