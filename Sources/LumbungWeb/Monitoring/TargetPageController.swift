import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// Baselines and targets entered on a page (issue 16): `/pemantauan/target?wilayah=CODE&indikator=ID` shows the
/// stored plan of one indicator in one region as a form; posting it replaces the plan (the checks of
/// `lumbung target set`; on a problem the form comes back with the field marked); `/pemantauan/target/hapus`
/// deletes it. For roles with `set_targets` (admins, analysts), only for regions within their scope (the region is
/// the address's `wilayah`, checked by the access rule); every change is audited (`target.saved`, `target.deleted`).
struct TargetPageController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("pemantauan/target", .permitted(.setTargets, region: .query("wilayah"))) { request, context -> Response in
            let (region, indicator) = try Self.subject(request, context: context, services: services)
            let split = try Self.split(request, indicator: indicator)
            let plan = try await TargetStore(database: services.database).plan(indicator: indicator.id, region: region.code, split: split)
            return render(TargetForm(plan: plan), region: region, indicator: indicator, stored: plan, problems: [], context: context, status: .ok)
        }
        router.post("pemantauan/target", .permitted(.setTargets, region: .query("wilayah"))) { request, context -> Response in
            let (region, indicator) = try Self.subject(request, context: context, services: services)
            let split = try Self.split(request, indicator: indicator)
            let form = TargetForm(try await FormQuery.body(request))
            let store = TargetStore(database: services.database)
            let stored = try await store.plan(indicator: indicator.id, region: region.code, split: split)
            switch form.plan(indicator: indicator.id, region: region.code, split: split, texts: context.texts) {
            case .problems(let problems):
                return render(form, region: region, indicator: indicator, stored: stored, problems: problems, context: context, status: .badRequest)
            case .plan(let plan):
                do {
                    try await store.replace(plan, by: context.auditActor)
                } catch let problem as MonitoringProblem {
                    return render(form, region: region, indicator: indicator, stored: stored, problems: [TargetForm.Problem(field: "baseline", message: problem.description)],
                                  context: context, status: .badRequest)
                }
                return .redirect(to: Self.pageLink(region: region, indicator: indicator, split: split) + "&pesan=disimpan")
            }
        }
        router.post("pemantauan/target/hapus", .permitted(.setTargets, region: .query("wilayah"))) { request, context -> Response in
            let (region, indicator) = try Self.subject(request, context: context, services: services)
            let split = try Self.split(request, indicator: indicator)
            try await TargetStore(database: services.database).delete(indicator: indicator.id, region: region.code, split: split, by: context.auditActor)
            return .redirect(to: Self.pageLink(region: region, indicator: indicator, split: split) + "&pesan=dihapus")
        }
    }

    /// The region (`wilayah`, default the reader's scope) and indicator (`indikator`, default desil-1 families) of the address.
    static func subject(_ request: Request, context: AppRequestContext, services: AppServices) throws -> (Region, Indicator) {
        let scope = try context.requireUser().scope.region
        let region = try AppError.region(FormQuery.filled("wilayah", in: request) ?? scope.dotted, in: services.regions)
        let id = FormQuery.filled("indikator", in: request) ?? "desil1_families"
        guard let indicator = IndicatorCatalogue.indicator(id) else { throw AppError.monitoring(.indicatorUnknown(String(id.prefix(60)))) }
        return (region, indicator)
    }

    /// The rincian of the address (`rincian`, or `split` in the API): all when absent.
    static func split(_ request: Request, indicator: Indicator) throws -> TargetSplit {
        do {
            return try TargetSplit.parse(FormQuery.value("rincian", in: request) ?? FormQuery.value("split", in: request) ?? "", for: indicator)
        } catch {
            throw AppError.monitoring(error)
        }
    }

    static func pageLink(region: Region, indicator: Indicator, split: TargetSplit = .all) -> String {
        "/pemantauan?wilayah=\(region.code.dotted)&indikator=\(indicator.id)" + (split.isAll ? "" : "&rincian=\(split.key)")
    }

    private func render(_ form: TargetForm, region: Region, indicator: Indicator, stored: TargetPlan, problems: [TargetForm.Problem],
                        context: AppRequestContext, status: HTTPResponse.Status) -> Response {
        services.pages.render("pemantauan-target", TargetFormPage(form: form, region: region, indicator: indicator, stored: stored,
                                                                  problems: problems, csrf: context.csrfToken, texts: context.texts),
                              status: status, for: context)
    }
}

/// The model of `pemantauan-target.mustache`.
struct TargetFormPage {
    struct Field {
        let name: String
        let value: String
        let invalid: Bool
    }
    struct Row {
        let number: Int
        let year: Field
        let value: Field
    }

    let title: String
    let regionName: String
    let regionCode: String
    let indicatorName: String
    let splitLabel: String
    let unitNote: String
    let direction: String
    let action: String
    let deleteAction: String
    let back: String
    let baseline: Field
    let baselineYear: Field
    let source: Field
    let rows: [Row]
    let reduce: Field
    let through: Field
    let errors: [String]
    let hasErrors: Bool
    let hasStored: Bool

    init(form: TargetForm, region: Region, indicator: Indicator, stored: TargetPlan, problems: [TargetForm.Problem], csrf: String, texts: Catalogue) {
        let marked = Set(problems.map(\.field))
        func field(_ name: String) -> Field { Field(name: name, value: form.fields[name] ?? "", invalid: marked.contains(name)) }
        let name = texts.name(indicator)
        title = texts("target_title", ["indicator": name + texts.splitNote(stored.split), "region": region.name]) + " — Lumbung"
        regionName = region.name
        regionCode = region.code.dotted
        indicatorName = name
        unitNote = texts(indicator.unit == .percent ? "target_unit_percent" : "target_unit_count")
        direction = texts(indicator.direction == .higherIsWorse ? "target_direction_lower" : "target_direction_higher")
        let query = "wilayah=\(region.code.dotted)&indikator=\(indicator.id)" + (stored.split.isAll ? "" : "&rincian=\(stored.split.key)") + "&csrf=\(csrf)"
        action = "/pemantauan/target?" + query
        deleteAction = "/pemantauan/target/hapus?" + query
        back = TargetPageController.pageLink(region: region, indicator: indicator, split: stored.split)
        splitLabel = texts.splitNote(stored.split)
        baseline = field("baseline")
        baselineYear = field("tahun_baseline")
        source = field("sumber")
        var numbers = form.rowNumbers
        if numbers.isEmpty { numbers = [1, 2, 3] }
        rows = numbers.map { Row(number: $0, year: field("tahun_\($0)"), value: field("nilai_\($0)")) }
        reduce = field("turun")
        through = field("sampai")
        errors = problems.map(\.message)
        hasErrors = !problems.isEmpty
        hasStored = stored.baseline != nil || !stored.targets.isEmpty
    }
}

extension MonitoringPage {
    /// Links Pemantauan offers by role: "Ubah baseline dan target" for those who may set targets; and the note of a
    /// change just made (`pesan=disimpan|dihapus`).
    mutating func links(for user: UserRecord, message: String?, texts: Catalogue) {
        if user.role.may(.setTargets) {
            editLink = "/pemantauan/target?wilayah=\(regionCode)&indikator=\(indicatorID)\(splitQuery)"
            editLabel = texts("target_edit")
        }
        switch message {
        case "disimpan": notice = texts("target_saved")
        case "dihapus": notice = texts("target_deleted")
        default: break
        }
    }
}
