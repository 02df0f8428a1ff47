import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungWeb
import SQLKit
import Testing

/// Finding 4 of issue 12, attacked the way the probe did: a seeded registry with many small cells in two
/// kecamatan of Lombok Timur, read as viewer and as partner from every indicator, summary and ranking route
/// (JSON and HTML) of every region above and in them. The test then does the probe's arithmetic — totals minus
/// the visible groups, parents minus the visible children, the same count under another indicator, rates ×
/// denominators, straight lines through normalised scores, points ÷ weights, score minus visible points, the
/// summary's rates × its families — over and over until nothing new comes out, and compares every value it
/// obtains for a withheld figure with the true count (read as admin). Every person has a sex and a birth date
/// and every family a head, so the probe's sums are exact: anything it derives is true, and must not exist.
@Suite struct DisclosureAttackTests {
    /// One published number: a count or denominator of an indicator of a region, in total ("") or for a group.
    struct Fig: Hashable, CustomStringConvertible {
        let region: String
        let indicator: String
        let split: String
        let group: String
        let part: String

        init(_ region: String, _ indicator: String, _ split: String = "", _ group: String = "", _ part: String = "count") {
            self.region = region
            self.indicator = indicator
            self.split = split
            self.group = group
            self.part = part
        }

        var description: String { "\(region) \(indicator) \(split)/\(group) \(part)" }
    }

    static let familyIndicators: Set<String> = ["families", "female_headed", "desil1_families", "desil1to4_families", "unfit_housing",
                                                "no_safe_water", "no_sanitation", "no_electricity", "firewood"]
    static let kecamatan = ["52.03.01", "52.03.02"]

    /// A small deterministic generator.
    struct Seeded {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    }

    /// Tallies of a seeded population: 0–9 families per desa, 1–5 members each, every attribute known.
    static func population(villages: [RegionCode], seed: UInt64) -> [RegionCode: RegionTally] {
        var random = Seeded(state: seed)
        let asOf = CalendarDate(year: 2025, month: 6, day: 30)!
        var tallies: [RegionCode: RegionTally] = [:]
        for village in villages {
            var tally = RegionTally()
            for family in 0..<random.next(10) {
                var members: [Person] = []
                for member in 0...random.next(5) {
                    let age = member == 0 ? 18 + random.next(70) : random.next(85)
                    let person = Person(
                        nik: random.chance(90) ? "52030\(family)\(member)" : nil, name: "Orang \(member)",
                        sex: random.chance(50) ? .female : .male, birthDate: CalendarDate(year: 2025 - age, month: 1, day: 1),
                        relationship: member == 0 ? .head : .child,
                        disability: random.chance(15) ? DisabilityType(rawValue: 1 + random.next(5)) : nil,
                        schoolParticipation: (7...18).contains(age) ? (random.chance(70) ? .enrolled : .noLonger) : nil,
                        healthInsurance: random.chance(40) ? HealthInsurance() : .pbi)
                    members.append(person)
                }
                let housing = Housing(floorArea: 10 + random.next(60), drinkingWater: random.chance(40) ? .unprotectedWell : .piped,
                                      lighting: random.chance(20) ? .notElectric : .plnMetered,
                                      cookingFuel: random.chance(50) ? .firewood : .lpg3kg)
                tally.add(household: Household(kkNumber: "\(family)", villageCode: village, desil: random.chance(10) ? nil : 1 + random.next(10),
                                               housing: housing),
                          members: members, asOf: asOf, rural: true)
            }
            tallies[village] = tally
        }
        return tallies
    }

    /// Stores the tallies as the import would and moves the aggregate generation.
    static func store(_ tallies: [RegionCode: RegionTally], in database: Database) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let rows = try tallies.map { ($0.key.dotted, String(decoding: try encoder.encode($0.value), as: UTF8.self)) }
        let postgres = database.engine == .postgres
        try await database.transaction { db in
            for (code, json) in rows {
                let tally: SQLQueryString = postgres ? "CAST(\(bind: json) AS jsonb)" : "\(bind: json)"
                try await db.raw("""
                    INSERT INTO village_aggregate (village_code, regency_code, as_of, tally)
                    VALUES (\(bind: code), \(bind: String(code.prefix(5))), \(bind: "2025-06-30"), \(tally))
                    """).run()
            }
            try await db.raw("UPDATE aggregate_state SET generation = generation + 1").run()
        }
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, _ token: String?) async throws -> TestResponse {
        let response = try await client.executeRequest(uri: uri, method: .get, headers: bearer(token), body: nil)
        #expect(response.status == .ok, "\(uri)")
        return response
    }

    /// The figures of one indicator response (region and children): shown ones into `shown`, withheld ones into `hidden`.
    static func read(_ json: [String: Any], shown: inout [Fig: Int], hidden: inout Set<Fig>, percents: inout [Fig: Double],
                     children: inout [String: [String]]) {
        let region = json["region"] as? [String: Any] ?? [:]
        let entries = [region] + (json["children"] as? [[String: Any]] ?? [])
        if let code = region["code"] as? String {
            children[code] = (json["children"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        }
        for entry in entries {
            guard let code = entry["code"] as? String else { continue }
            for value in entry["values"] as? [[String: Any]] ?? [] {
                guard let indicator = value["indicator"] as? String else { continue }
                func take(_ figure: [String: Any], _ split: String, _ group: String) {
                    let count = Fig(code, indicator, split, group), denominator = Fig(code, indicator, split, group, "denominator")
                    if figure["suppressed"] as? Bool == true {
                        hidden.insert(count)
                        hidden.insert(denominator)
                    }
                    if let value = figure["count"] as? Int { shown[count] = value }
                    if let value = figure["denominator"] as? Int { shown[denominator] = value }
                    if let value = figure["percent"] as? Double { percents[count] = value }
                }
                take(value, "", "")
                for split in value["splits"] as? [[String: Any]] ?? [] {
                    for group in split["groups"] as? [[String: Any]] ?? [] {
                        take(group, split["by"] as? String ?? "", group["group"] as? String ?? "")
                    }
                }
            }
        }
    }

    /// The sums the probe knows, as `[total, parts…]` (an identity is a sum of one part), built from the admin's figures.
    static func equations(truth: [Fig: Int], children: [String: [String]]) -> [[Fig]] {
        var equations: [[Fig]] = []
        var byValue: [String: [Fig]] = [:]
        for fig in truth.keys { byValue["\(fig.region) \(fig.indicator) \(fig.part)", default: []].append(fig) }
        // Totals minus the visible groups.
        for figs in byValue.values {
            guard let total = figs.first(where: { $0.split.isEmpty }) else { continue }
            for split in Set(figs.map(\.split)) where !split.isEmpty {
                equations.append([total] + figs.filter { $0.split == split })
            }
        }
        // Parents minus the visible children.
        for (parent, kids) in children where !kids.isEmpty {
            for fig in truth.keys where fig.region == parent {
                let parts = kids.map { Fig($0, fig.indicator, fig.split, fig.group, fig.part) }
                if parts.allSatisfy({ truth[$0] != nil }) { equations.append([fig] + parts) }
            }
        }
        // The same count under another name, and sums across indicators.
        let regions = Set(truth.keys.map(\.region))
        let sexes = ["male", "female"], bands = ["0-4", "5-17", "18-59", "60+"]
        for region in regions {
            for fig in truth.keys where fig.region == region && fig.part == "denominator" && fig.indicator != "out_of_school" {
                let base = familyIndicators.contains(fig.indicator) ? "families" : "people"
                equations.append([fig, Fig(region, base, fig.split, fig.group)])
            }
            equations.append([Fig(region, "elderly"), Fig(region, "people", "age_band", "60+")])
            equations.append([Fig(region, "under5"), Fig(region, "people", "age_band", "0-4")])
            equations.append([Fig(region, "disability"), Fig(region, "people", "disability", "with")])
            equations.append([Fig(region, "female_headed"), Fig(region, "families", "head_sex", "female")])
            equations.append([Fig(region, "elderly", "disability", "with"), Fig(region, "disability", "age_band", "60+")])
            equations.append([Fig(region, "under5", "disability", "with"), Fig(region, "disability", "age_band", "0-4")])
            equations.append([Fig(region, "children"), Fig(region, "people", "age_band", "0-4"), Fig(region, "people", "age_band", "5-17")])
            equations.append([Fig(region, "children", "disability", "with"), Fig(region, "disability", "age_band", "0-4"),
                              Fig(region, "disability", "age_band", "5-17")])
            let kinds = ["physical", "intellectual", "mental", "sensory", "multiple"].map { "disability_\($0)" }
            for (split, group) in [("", "")] + sexes.map { ("sex", $0) } + bands.map { ("age_band", $0) } {
                equations.append([Fig(region, "disability", split, group)] + kinds.map { Fig(region, $0, split, group) })
            }
        }
        return equations.filter { $0.allSatisfy { truth[$0] != nil } }
    }

    /// Adds what the probe worked out, unless it already knows that figure (its sums are then exact).
    static func learn(_ fig: Fig, _ value: Int, into known: inout [Fig: Int]) {
        if known[fig] == nil { known[fig] = value }
    }

    /// Solves every sum with one unknown term, again and again.
    static func propagate(_ known: inout [Fig: Int], _ equations: [[Fig]]) {
        var changed = true
        while changed {
            changed = false
            for equation in equations {
                let unknown = equation.filter { known[$0] == nil }
                guard unknown.count == 1 else { continue }
                let parts = equation.dropFirst().compactMap { known[$0] }.reduce(0, +)
                if unknown[0] == equation[0] {
                    known[unknown[0]] = parts
                } else if let total = known[equation[0]] {
                    known[unknown[0]] = total - parts
                }
                changed = true
            }
        }
    }

    /// The probe's ranking arithmetic: lines through normalised scores, points ÷ weights, score − visible points.
    static func attackRanking(_ json: [String: Any], known: inout [Fig: Int]) {
        let weights = (json["weights"] as? [[String: Any]] ?? []).map { ($0["indicator"] as? String ?? "", $0["weight"] as? Double ?? 0) }
        let weightSum = weights.map(\.1).reduce(0, +)
        let rows = json["rows"] as? [[String: Any]] ?? []
        // What the rows show outright.
        for row in rows {
            guard let code = row["code"] as? String else { continue }
            if let families = row["families"] as? Int { learn(Fig(code, "families"), families, into: &known) }
            if let people = row["people"] as? Int { learn(Fig(code, "people"), people, into: &known) }
            for (component, (indicator, _)) in zip(row["components"] as? [[String: Any]] ?? [], weights) {
                if let count = component["count"] as? Int { learn(Fig(code, indicator), count, into: &known) }
            }
        }
        // With shrinkage (the default) the normalised values lie on a line through the shrunk rates, and a shrunk rate
        // turns back into a count with the prior worked out from two visible rows: sᵢ·(nᵢ + M) = xᵢ + p·M.
        let shrunk = json["shrunk"] as? Bool ?? false
        for (index, (indicator, weight)) in weights.enumerated() where weight > 0 {
            let base = familyIndicators.contains(indicator) ? "families" : "people"
            let rateKey = shrunk ? "shrunkPercent" : "percent"
            let points = rows.compactMap { row -> (Double, Double)? in
                let component = (row["components"] as? [[String: Any]] ?? [])[index]
                guard let rate = component[rateKey] as? Double, let normalized = component["normalized"] as? Double else { return nil }
                return (rate, normalized)
            }
            var prior: (p: Double, m: Double)?
            if shrunk {
                let visible = rows.compactMap { row -> (s: Double, x: Double, n: Double)? in
                    let component = (row["components"] as? [[String: Any]] ?? [])[index]
                    guard let code = row["code"] as? String, let s = component["shrunkPercent"] as? Double, let x = component["count"] as? Int,
                          let n = known[Fig(code, base)], n > 0 else { return nil }
                    return (s / 100, Double(x), Double(n))
                }
                if let a = visible.first, let b = visible.first(where: { abs($0.s - a.s) > 1e-9 }) {
                    let m = (a.x - b.x - a.s * a.n + b.s * b.n) / (a.s - b.s)
                    if m.isFinite && m > 0 { prior = ((a.s * (a.n + m) - a.x) / m, m) }
                }
            }
            // The line normalized = a·rate + b through two visible rows.
            guard let first = points.first, let second = points.first(where: { $0.0 != first.0 }) else { continue }
            let slope = (second.1 - first.1) / (second.0 - first.0), intercept = first.1 - slope * first.0
            guard slope.isFinite, slope != 0, !shrunk || prior != nil else { continue }
            for row in rows {
                guard let code = row["code"] as? String else { continue }
                let components = row["components"] as? [[String: Any]] ?? []
                let component = components[index]
                guard component["percent"] as? Double == nil else { continue }
                var normalized = component["normalized"] as? Double
                if normalized == nil, let contribution = component["contribution"] as? Double { normalized = contribution * weightSum / (100 * weight) }
                let hiddenCount = components.filter { $0["contribution"] as? Double == nil }.count
                if normalized == nil, hiddenCount == 1, let score = row["score"] as? Double {
                    let rest = score - components.compactMap { $0["contribution"] as? Double }.reduce(0, +)
                    if rest > 0.05 { normalized = rest * weightSum / (100 * weight) }
                }
                guard let normalized, indicator != "out_of_school", let denominator = known[Fig(code, base)] else { continue }
                let rate = (normalized - intercept) / slope
                let count = prior.map { rate / 100 * (Double(denominator) + $0.m) - $0.p * $0.m } ?? rate * Double(denominator) / 100
                guard count.isFinite, abs(count) < 1e9 else { continue }
                learn(Fig(code, indicator), Int(count.rounded()), into: &known)
            }
        }
    }

    /// The numbers of a summary sentence, as the probe reads them.
    static func attackSummary(_ text: String, region: String, known: inout [Fig: Int]) {
        func numbers(_ pattern: String) -> [String]? {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
            return (1..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
        func int(_ text: String) -> Int? { Int(text.replacingOccurrences(of: ".", with: "")) }
        func rate(_ text: String) -> Double? { Double(text.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "%", with: "")) }
        if let found = numbers("tercatat (\\S+) jiwa dalam (\\S+) keluarga\\. (\\S+) keluarga berada di desil 1 dan (\\S+) di desil 1–4") {
            if let people = int(found[0]) { learn(Fig(region, "people"), people, into: &known) }
            if let families = int(found[1]) {
                learn(Fig(region, "families"), families, into: &known)
                if let share = rate(found[2]) { learn(Fig(region, "desil1_families"), Int((share * Double(families) / 100).rounded()), into: &known) }
                if let share = rate(found[3]) { learn(Fig(region, "desil1to4_families"), Int((share * Double(families) / 100).rounded()), into: &known) }
            }
        }
        if let found = numbers("Terdapat (\\S+) penyandang disabilitas, (\\S+) lansia yang tinggal sendiri, dan (\\S+) anak usia 7–18 tidak bersekolah \\((\\S+) perempuan, (\\S+) laki-laki\\)") {
            let figs = [Fig(region, "disability"), Fig(region, "elderly_alone"), Fig(region, "out_of_school"),
                        Fig(region, "out_of_school", "sex", "female"), Fig(region, "out_of_school", "sex", "male")]
            for (fig, text) in zip(figs, found) { if let value = int(text) { learn(fig, value, into: &known) } }
        }
    }

    @Test(arguments: [Role.viewer, .partner])
    func no_withheld_count_can_be_recovered_from_any_page_or_api(role: Role) async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            let tree = services.regions
            let kecamatan = try Self.kecamatan.map { try RegionCode($0) }
            let villages = kecamatan.flatMap { tree.children(of: $0).map(\.code) }
            try await Self.store(Self.population(villages: villages, seed: 2026), in: services.database)
            let regions = ["52", "52.03"] + Self.kecamatan + villages.map(\.dotted)
            let reader = tokens[role], admin = tokens[.admin]

            var truth: [Fig: Int] = [:], known: [Fig: Int] = [:], hidden = Set<Fig>(), percents: [Fig: Double] = [:]
            var children: [String: [String]] = [:]
            for region in regions {
                var ignoredHidden = Set<Fig>(), ignoredPercents: [Fig: Double] = [:]
                Self.read(try await Self.get(client, "/api/v1/regions/\(region)/indicators", admin).json(),
                          shown: &truth, hidden: &ignoredHidden, percents: &ignoredPercents, children: &children)
                Self.read(try await Self.get(client, "/api/v1/regions/\(region)/indicators", reader).json(),
                          shown: &known, hidden: &hidden, percents: &percents, children: &children)
            }
            let small = hidden.filter { (1...4).contains(truth[$0] ?? 0) }
            #expect(small.count > 100, "the dataset has many small cells (\(small.count))")
            #expect(hidden.allSatisfy { known[$0] == nil }, "a withheld figure carries no number")
            // Rate × denominator.
            for (fig, rate) in percents {
                if let denominator = known[Fig(fig.region, fig.indicator, fig.split, fig.group, "denominator")] {
                    Self.learn(fig, Int((rate * Double(denominator) / 100).rounded()), into: &known)
                }
            }
            // Summaries, JSON and page.
            for region in regions {
                let summary = try await Self.get(client, "/api/v1/regions/\(region)/summary", reader).json()
                let text = try #require(summary["id"] as? String)
                Self.attackSummary(text, region: region, known: &known)
                let page = try await Self.get(client, "/wilayah/\(region)", reader).text
                let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                    .replacingOccurrences(of: ">", with: "&gt;")
                #expect(page.contains(escaped), "the page says what the API says for \(region)")
            }
            // Rankings, JSON and page.
            // Every area ranked, however small (min_keluarga=0): the probe gets the most rows to work on.
            // Each with the default shrinkage and without it (penyusutan=0).
            let rankings = (["within=52&level=kecamatan", "within=52.03&level=desa", "within=52.03&level=kecamatan"].map { $0 + "&min_keluarga=0" }
                + Self.kecamatan.flatMap { ["within=\($0)&level=desa&min_keluarga=0", "within=\($0)&level=desa&weights=desil1_families:1&min_keluarga=0",
                                            "within=\($0)&level=desa&weights=desil1_families:3,unfit_housing:1&min_keluarga=0"] })
                .flatMap { [$0, $0 + "&penyusutan=0"] }
            for query in rankings {
                let json = try await Self.get(client, "/api/v1/rankings?\(query)", reader).json()
                Self.attackRanking(json, known: &known)
                let rows = json["rows"] as? [[String: Any]] ?? []
                for row in rows {
                    let components = row["components"] as? [[String: Any]] ?? []
                    let points = components.compactMap { $0["contribution"] as? Double }.reduce(0, +)
                    #expect(abs((row["score"] as? Double ?? -1) - points) < 0.02, "score − visible points of \(row["code"] ?? "") (\(query))")
                    for component in components where component["count"] == nil || component["count"] is NSNull {
                        #expect(component["normalized"] == nil || component["normalized"] is NSNull)
                        #expect(component["contribution"] == nil || component["contribution"] is NSNull)
                    }
                }
                let shownPoints = rows.flatMap { $0["components"] as? [[String: Any]] ?? [] }.filter { $0["contribution"] is Double }.count
                let pageQuery = query.replacingOccurrences(of: "weights=desil1_families:3,unfit_housing:1", with: "w_desil1_families=3&w_unfit_housing=1")
                    .replacingOccurrences(of: "weights=desil1_families:1", with: "w_desil1_families=1")
                // The page shows 50 rows at a time: every page of it together shows the points the API shows.
                var pagePoints = 0
                for number in 1...100 {
                    let page = try await Self.get(client, "/peringkat?\(pageQuery)&halaman=\(number)", reader).text
                    pagePoints += page.components(separatedBy: " poin</small>").count - 1
                    if !page.contains("rel=\"next\"") { break }
                }
                #expect(pagePoints == shownPoints, "the page shows the points the API shows (\(query))")
            }
            // Indicator pages show nothing the API withholds.
            let personColumns = [("sex", "male"), ("sex", "female"), ("age_band", "0-4"), ("age_band", "5-17"), ("age_band", "18-59"),
                                 ("age_band", "60+"), ("disability", "with"), ("disability", "without")]
            let familyColumns = [("head_sex", "male"), ("head_sex", "female"), ("member_with_disability", "with"), ("elderly_member", "with"),
                                 ("child_member", "with")]
            let rowPattern = try NSRegularExpression(pattern: "<tr><th scope=\"row\"><details class=\"definition\"><summary>([^<]+)</summary>.*?</details></th>(.*?)</tr>",
                                                     options: [.dotMatchesLineSeparators])
            let cellPattern = try NSRegularExpression(pattern: "<td class=\"num\">(.*?)</td>", options: [.dotMatchesLineSeparators])
            var checkedCells = 0
            for region in regions {
                let html = try await Self.get(client, "/wilayah/\(region)/indikator", reader).text
                for match in rowPattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                    guard let nameRange = Range(match.range(at: 1), in: html), let cellsRange = Range(match.range(at: 2), in: html),
                          let indicator = IndicatorCatalogue.all.first(where: { $0.nameID == String(html[nameRange]) }) else { continue }
                    let cellsHTML = String(html[cellsRange])
                    let cells = cellPattern.matches(in: cellsHTML, range: NSRange(cellsHTML.startIndex..., in: cellsHTML)).compactMap {
                        Range($0.range(at: 1), in: cellsHTML).map { String(cellsHTML[$0]) }
                    }
                    let columns = [("", "")] + (indicator.subject == .people ? personColumns : familyColumns)
                    for (cell, column) in zip(cells, columns) where !cell.isEmpty {
                        let fig = Fig(region, indicator.id, column.0, column.1)
                        let marked = cell == "&lt;5" || cell == "×"
                        #expect(marked == hidden.contains(fig), "\(fig): \(cell)")
                        if let count = known[fig], !marked, indicator.unit == .percent {
                            #expect(cell.hasSuffix("<small>\(IndonesianNumber.format(count))</small>"), "\(fig): \(cell)")
                        }
                        checkedCells += 1
                    }
                }
            }
            #expect(checkedCells > 1_000)

            // The probe's sums, until nothing new comes out; then nothing withheld may be known.
            Self.propagate(&known, Self.equations(truth: truth, children: children))
            let recovered = small.filter { known[$0] == truth[$0] }
            #expect(recovered.isEmpty, "recovered \(recovered.count) withheld figures, e.g. \(recovered.prefix(5).map(\.description))")
        }
    }
}
