import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungImport
import LumbungStore

/// `/program`: the programmes working in the user's region, and the organisations.
struct ProgrammeListPage {
    struct Row {
        let code: String
        let name: String
        let organisation: String
        let sectors: String
        let unit: String
        let period: String
        let budget: String
        let enrolments: String
        let unmatched: String
        let families: String
        let closed: Bool
    }

    struct OrganisationRow {
        let name: String
        let kind: String
        let region: String
        /// Where the user registers a programme of this organisation from its workbook, when they may.
        let registerLink: String?
        /// Where the user changes or closes it, when they may.
        var editLink: String? = nil
        /// "ditutup 30 Juni 2025" when it is closed.
        var closedText: String? = nil
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    let title: String
    let query = ""
    let csrf: String
    let canManage: Bool
    let programmes: [Row]
    let hasProgrammes: Bool
    let organisations: [OrganisationRow]
    let kinds: [Option]
    let message: String?
    let error: String?

    init(csrf: String, canManage: Bool, programmes: [Row], hasProgrammes: Bool, organisations: [OrganisationRow], message: String?, error: String?,
         texts: Catalogue) {
        title = texts["prog_title"] + " — Lumbung"
        self.csrf = csrf
        self.canManage = canManage
        self.programmes = programmes
        self.hasProgrammes = hasProgrammes
        self.organisations = organisations
        kinds = OrganisationKind.allCases.map { Option(value: $0.rawValue, label: texts.name($0), selected: false) }
        self.message = message
        self.error = error
    }

    static func period(_ programme: Programme, texts: Catalogue) -> String {
        "\(texts.date(programme.start)) – \(programme.end.map(texts.date) ?? texts["prog_running"])"
    }

    /// A count as shown: the number in the page's language, or the mark that withholds it.
    static func text(_ count: DisclosedCount, _ texts: Catalogue) -> String {
        count.number.map(texts.number) ?? count.text
    }

    static func row(_ record: ProgrammeRecord, restricted: Bool, texts: Catalogue) -> Row {
        let view = ProgrammeView(record, restricted: restricted)
        return Row(code: view.code, name: view.name, organisation: view.organisation.name, sectors: record.programme.sectors.map(texts.name).joined(separator: ", "),
                   unit: texts.name(record.programme.unit), period: period(record.programme, texts: texts),
                   budget: record.programme.budget.map { "Rp " + texts.number($0) } ?? "—", enrolments: text(view.enrolments, texts),
                   unmatched: text(view.unmatched, texts), families: text(view.familiesReached, texts), closed: record.programme.closedOn != nil)
    }
}

/// `/program/baru` and `/program/{kode}/ubah`: the form of a programme, filled with what was sent and the problems found.
struct ProgrammeFormPage {
    struct Check {
        let name: String
        let label: String
        let checked: Bool
    }

    let title: String
    let heading: String
    let query = ""
    let csrf: String
    let isNew: Bool
    let action: String
    let code: String
    let name: String
    let organisations: [ProgrammeListPage.Option]
    let sectors: [Check]
    let units: [ProgrammeListPage.Option]
    let fundingSource: String
    let start: String
    let end: String
    let budget: String
    let regions: String
    let eligibility: String
    let maximumDesil: String
    let errors: [String]
    let hasErrors: Bool

    init(form: ProgrammeForm, isNew: Bool, organisations: [Organisation], csrf: String, errors: [String], texts: Catalogue) {
        let code = form.text("kode")
        self.isNew = isNew
        heading = isNew ? texts["prog_new"] : texts("prog_edit", ["code": code])
        title = (isNew ? texts["prog_new_title"] : heading) + " — Lumbung"
        action = isNew ? "/program" : "/program/\(code)"
        self.csrf = csrf
        self.code = code
        name = form.text("nama")
        let chosen = form.text("organisasi").lowercased()
        // A closed organisation gets no new programmes: offered only to the programme it already runs.
        self.organisations = organisations.filter { $0.closedOn == nil || $0.name.lowercased() == chosen }
            .map { .init(value: $0.name, label: "\($0.name) (\(texts.name($0.kind)))", selected: $0.name.lowercased() == chosen) }
        let listed = Set(form.text("sektor").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        sectors = Sector.allCases.map { .init(name: "sektor_" + $0.rawValue, label: texts.name($0), checked: listed.contains($0.rawValue) || form.fields["sektor_" + $0.rawValue] != nil) }
        let unit = form.text("sasaran").isEmpty ? ProgrammeUnit.family.rawValue : form.text("sasaran")
        units = ProgrammeUnit.allCases.map { .init(value: $0.rawValue, label: texts.name($0), selected: $0.rawValue == unit) }
        fundingSource = form.text("sumber_dana")
        start = form.text("mulai")
        end = form.text("selesai")
        budget = form.text("anggaran")
        regions = form.text("wilayah")
        eligibility = form.text("kelayakan")
        maximumDesil = form.text("desil_maks")
        self.errors = errors
        hasErrors = !errors.isEmpty
    }

    /// The form's fields of a stored programme.
    static func fields(of record: ProgrammeRecord) -> ProgrammeForm {
        let programme = record.programme
        return ProgrammeForm([
            "kode": programme.code.value, "nama": programme.name, "organisasi": record.organisation.name,
            "sektor": programme.sectors.map(\.rawValue).joined(separator: ","), "sasaran": programme.unit.rawValue, "sumber_dana": programme.fundingSource,
            "mulai": programme.start.description, "selesai": programme.end?.description ?? "", "anggaran": programme.budget.map(String.init) ?? "",
            "wilayah": programme.targetRegions.map(\.dotted).joined(separator: ", "), "kelayakan": programme.eligibility,
            "desil_maks": programme.maximumDesil.map(String.init) ?? "",
        ])
    }
}

/// `/organisasi/{id}/ubah`: an organisation's name and kind, and the form that closes it.
struct OrganisationFormPage {
    let title: String
    let query = ""
    let csrf: String
    let id: Int
    let name: String
    let kinds: [ProgrammeListPage.Option]
    /// "ditutup 30 Juni 2025" when it is closed (then no close form).
    let closedText: String?
    let open: Bool
    let today: String
    let error: String?

    init(_ organisation: Organisation, name: String? = nil, kind: String? = nil, csrf: String, error: String?, texts: Catalogue) {
        title = texts("org_edit_title", ["name": organisation.name]) + " — Lumbung"
        self.csrf = csrf
        id = organisation.id ?? 0
        self.name = name ?? organisation.name
        let chosen = kind.flatMap(OrganisationKind.parse) ?? organisation.kind
        kinds = OrganisationKind.allCases.map { .init(value: $0.rawValue, label: texts.name($0), selected: $0 == chosen) }
        closedText = organisation.closedOn.map { texts("prog_closed_on", ["date": texts.date($0)]) }
        open = organisation.closedOn == nil
        today = CalendarDate.todayInNTB(secondsSince1970: Date().timeIntervalSince1970).description
        self.error = error
    }
}

/// `/program/{kode}`: one programme, its counts and what the user may do with it.
struct ProgrammeDetailPage {
    struct Count {
        let label: String
        let count: String
    }

    let title: String
    let query = ""
    let csrf: String
    let programme: ProgrammeView
    let enrolmentsText: String
    let familiesText: String
    let organisationName: String
    let kindLabel: String
    let sectorLabels: String
    let unit: String
    let fundingSource: String
    let period: String
    let closedOnText: String?
    let budgetText: String
    let eligibility: String
    let maximumDesil: Int?
    let regions: String
    let closed: Bool
    let canManage: Bool
    let canListPeople: Bool
    let canUpload: Bool
    let matches: [Count]
    let message: String?
    let error: String?
    /// "Hasil program": targets, realisasi and capaian per region and year (`ProgrammeResultRow`).
    var results: [ProgrammeResultRow] = []
    var hasResults = false
    /// "Indikator hasil": the outcome indicators in the programme's target regions (as the reader sees them), the
    /// indicators linked (to unlink) and those that may be linked, for whoever manages the programme.
    var outcomes: [ProgrammeOutcomes.Row] = []
    var hasOutcomes = false
    var showOutcomes = false
    var linked: [MonitoringPage.Option] = []
    var outcomeOptions: [MonitoringPage.Option] = []
}

/// `/program/{kode}/peserta`: the enrolled people (personal data, audited).
struct EnrolmentListPage {
    let title: String
    let heading: String
    let query = ""
    let code: String
    let name: String
    let rows: [ProgrammeAPIController.EnrolmentView]
    let hasRows: Bool
    let masked: Bool
    let filters: [ProgrammeListPage.Option]
    let previous: String?
    let next: String?
}

/// `/koordinasi?within=KODE&sektor=…`: who does what where, where programmes overlap, whom nobody reaches, who
/// receives what is meant for poorer families — for one region and its regions one level down.
struct CoordinationPage {
    struct MatrixRow {
        let organisation: String
        let kind: String
        let sector: String
        let programmes: String
        let areas: String
        let families: String
        /// The residents of those families.
        let people: String
        let budget: String
    }

    struct PairRow {
        let pair: String
        let families: String
        let sameSector: Bool
    }

    struct AreaRow {
        let code: String
        let name: String
        let link: String
        let desil1: String
        let desil1Unreached: String
        let eligibleUnreached: String
        let duplicated: String
        let inclusion: String
        let coverage: String
    }

    struct LeakRow {
        let code: String
        let name: String
        let families: String
        let betterOff: String
        let share: String
    }

    let title: String
    let query = ""
    let regionName: String
    let regionCode: String
    let levelLabel: String
    let sectorOptions: [ProgrammeListPage.Option]
    let sectorLabel: String?
    /// The period counted (`2025`, `2025-01-01 s.d. 2025-06-30`), and its ends for the form.
    let periodLabel: String?
    let from: String
    let to: String
    /// The inclusion threshold's choices (desil 5–10), and the headings that name the chosen one.
    let thresholdOptions: [ProgrammeListPage.Option]
    let betterOffLabel: String
    let inclusionLabel: String
    let definitionsAfter: String
    let summary: [ProgrammeDetailPage.Count]
    let matrix: [MatrixRow]
    let hasMatrix: Bool
    let pairs: [PairRow]
    let hasPairs: Bool
    let areas: [AreaRow]
    let leaks: [LeakRow]
    let hasLeaks: Bool
    let download: String
    let suppressed: Bool
    /// The list of the desil-1 families nobody reaches, for readers of personal data.
    let unreachedLink: String?
}

/// The answer to an uploaded list: what the import did, and what the uploader learns at once.
struct UploadResultPage {
    struct Problem {
        let severity: String
        let code: String
        let count: Int
        let message: String
        let rows: String
    }

    let title: String
    let heading: String
    let query = ""
    let code: String
    let name: String
    let file: String
    let already: Bool
    let dryRun: Bool
    let counts: [ProgrammeDetailPage.Count]
    let problems: [Problem]
    let hasProblems: Bool
    let also: [ProgrammeDetailPage.Count]
    let hasAlso: Bool
    let families: String
    let unmatched: String
    let desil1Unreached: String

    init(record: ProgrammeRecord, outcome: ListUpload.Outcome, texts: Catalogue) {
        self.init(code: record.programme.code.value, name: record.programme.name, outcome: outcome, texts: texts)
    }

    init(code: String, name: String, outcome: ListUpload.Outcome, texts: Catalogue) {
        let report = outcome.report
        self.code = code
        self.name = name
        heading = texts("prog_list_of", ["name": name])
        title = texts("prog_list_of", ["name": code]) + " — Lumbung"
        func number(_ value: Int) -> String { texts.number(value) }
        file = report.file
        already = report.alreadyImportedInBatch != nil
        dryRun = report.dryRun
        let byMatch = report.enrolments?.byMatch ?? [:]
        counts = [
            .init(label: texts["prog_count_read"], count: number(report.rowsRead)),
            .init(label: texts["prog_count_new"], count: number(report.inserted)),
            .init(label: texts["prog_count_nik"], count: number(byMatch["nik"] ?? 0)),
            .init(label: texts["prog_count_kk"], count: number(byMatch["kk"] ?? 0)),
            .init(label: texts["prog_count_name"], count: number(byMatch["name_birth"] ?? 0)),
            .init(label: texts["prog_count_unmatched"], count: number(byMatch["unmatched"] ?? 0)),
            .init(label: texts["prog_count_already"], count: number(report.unchanged + report.updated)),
            .init(label: texts["prog_count_duplicates"], count: number(report.merged)),
            .init(label: texts["prog_count_rejected"], count: number(report.rejected)),
        ]
        problems = report.topProblems.prefix(10).map { problem in
            Problem(severity: texts[problem.severity == .error ? "prog_severity_error" : "prog_severity_warning"], code: problem.code, count: problem.count,
                    message: problem.examples.first?.message ?? "", rows: problem.examples.map { String($0.row) }.joined(separator: ", "))
        }
        hasProblems = !problems.isEmpty
        also = outcome.view.alsoReceiving.sorted { $0.key < $1.key }.map { .init(label: texts("prog_also_receiving", ["name": $0.key]), count: ProgrammeListPage.text($0.value, texts)) }
        hasAlso = !also.isEmpty
        families = ProgrammeListPage.text(outcome.view.familiesReached, texts)
        unmatched = ProgrammeListPage.text(outcome.view.unmatched, texts)
        desil1Unreached = ProgrammeListPage.text(outcome.view.desil1Unreached, texts)
    }
}
