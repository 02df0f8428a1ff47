import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// `/audit`: the audit log searched by user, action, region and time, with the state of its hash chain.
/// An admin reads only the events of regions in its scope (`Oversight.maySeeEvent`); the chain is verified
/// incrementally, from where the last load stopped, so a long log costs only what is new.
struct AuditPageController {
    let services: AppServices

    struct Page {
        struct Option {
            let value: String
            let label: String
            let selected: Bool
        }

        struct Row {
            let id: Int
            let at: String
            let actor: String
            let action: String
            let outcome: String
            let region: String
            let target: String
            let records: String
            let address: String
        }

        let title: String
        let query = ""
        let actor: String
        let region: String
        let from: String
        let until: String
        let actions: [Option]
        let events: [Row]
        let chainNote: String
    }

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("audit", .permitted(.readAudit, region: .none)) { request, context -> Response in
            func field(_ name: String) -> String? { FormQuery.filled(name, in: request) }
            let filter = AuditLog.Filter(actor: field("pengguna"), action: field("tindakan"), region: field("wilayah"),
                                         from: field("dari"), until: field("sampai"), limit: 500,
                                         visibleTo: try context.requireOversight())
            let events = try await services.audit.search(filter)
            let chain = try await services.audit.verifyIncrementally()
            let texts = context.texts
            let note = chain.firstBreak.map { texts("audit_chain_broken", ["id": String($0)]) }
                ?? texts("audit_chain_intact", ["count": texts.number(chain.checked)])
            let zone = IndonesianTimeZone(region: try context.requireOversight().scope.region)
            let page = Page(
                title: texts["audit_title"] + " — Lumbung", actor: filter.actor ?? "", region: filter.region ?? "", from: filter.from ?? "", until: filter.until ?? "",
                actions: AuditEvent.Action.allCases.map { Page.Option(value: $0.rawValue, label: texts.isEnglish ? $0.englishText : $0.indonesianText, selected: $0.rawValue == filter.action) },
                events: events.map {
                    Page.Row(id: $0.id, at: texts.time(utc: $0.at, in: zone), actor: $0.actor, action: texts.isEnglish ? $0.action.englishText : $0.action.indonesianText, outcome: $0.outcome, region: $0.region ?? "",
                             target: $0.target ?? "", records: $0.recordCount.map(texts.number) ?? "", address: $0.address ?? "")
                },
                chainNote: note)
            return services.pages.render("audit", page, for: context)
        }
    }
}
