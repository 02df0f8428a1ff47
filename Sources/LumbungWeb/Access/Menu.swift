import LumbungDomain

/// The main menu of every page, made for the signed-in user: a link shows only when the route's own
/// access rule (from the `RuleBook`, the rule the router checks) lets the user's role open it.
/// Someone not signed in gets no menu: every page behind it would ask them to sign in.
struct Menu {
    struct Link {
        let label: String
        let path: String
    }

    /// Every link the menu can hold, in order; each names a `GET` route.
    static let links: [Link] = [
        Link(label: "Beranda", path: "/"), Link(label: "Wilayah", path: "/wilayah"), Link(label: "Peringkat", path: "/peringkat"),
        Link(label: "Program", path: "/program"), Link(label: "Koordinasi", path: "/koordinasi"),
        Link(label: "Pemantauan", path: "/pemantauan"), Link(label: "Impor", path: "/impor"),
    ]

    /// The links `role` may open (none without a role).
    static func links(for role: Role?, rules: RuleBook) -> [Link] {
        guard let role else { return [] }
        return links.filter { rules.rule(for: "GET \($0.path)")?.permits(role) ?? false }
    }

    /// The menu's HTML, or nothing.
    static func html(for role: Role?, rules: RuleBook) -> String {
        let shown = links(for: role, rules: rules)
        guard !shown.isEmpty else { return "" }
        return "<nav class=\"main\">" + shown.map { "<a href=\"\($0.path)\">\($0.label)</a>" }.joined(separator: " ") + "</nav>"
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
