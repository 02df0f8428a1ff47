import Foundation
import LumbungDomain
import LumbungImport
import LumbungSheets

/// The baseline-and-targets form of Pemantauan (`/pemantauan/target`) as typed: read into a `TargetPlan` checked by
/// the domain's rules (`TargetPlan.problems`, `TargetPlan.derived`, `TargetYear`), or into messages, each tied to the
/// field it is about so the form comes back with that field marked.
///
/// Fields: `baseline`, `tahun_baseline`, `sumber`; target rows `tahun_N` / `nilai_N` (N = 1, 2, …; a row with both
/// empty is no target); `turun` (percent per year) with `sampai` (last year) to derive targets from the baseline —
/// a target typed in a row wins over a derived one of the same year.
struct TargetForm {
    /// A message and the field it marks.
    struct Problem: Equatable {
        let field: String
        let message: String
    }

    /// What the form gives: a plan to store, or the problems to show.
    enum Outcome {
        case plan(TargetPlan)
        case problems([Problem])
    }

    /// The most target rows read.
    static let maximumRows = 60
    var fields: [String: String]

    init(_ fields: [String: String]) { self.fields = fields }

    /// The form filled from a stored plan, with `spare` empty target rows.
    init(plan: TargetPlan, spare: Int = 3) {
        var fields: [String: String] = [:]
        if let baseline = plan.baseline {
            fields["baseline"] = IndonesianNumber.decimal(baseline.value)
            fields["tahun_baseline"] = String(baseline.year)
            fields["sumber"] = baseline.source
        }
        for (index, target) in plan.targets.sorted(by: { $0.key < $1.key }).enumerated() {
            fields["tahun_\(index + 1)"] = String(target.key)
            fields["nilai_\(index + 1)"] = Self.plain(target.value)
        }
        self.fields = fields
        for index in 0..<spare { self.fields["tahun_\(plan.targets.count + index + 1)"] = "" }
    }

    /// A value as the form shows it: up to four decimals with a decimal comma, no thousands dots (read back exactly).
    static func plain(_ value: Double) -> String {
        let tenThousandths = Int(saturating: abs(value) * 10_000, rounding: .toNearestOrAwayFromZero)
        let whole = tenThousandths / 10_000
        var fraction = String(tenThousandths % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (value < 0 ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "," + fraction)
    }

    func text(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespaces) }

    /// The numbers N of the target rows the form holds, in order.
    var rowNumbers: [Int] {
        let numbers = fields.keys.compactMap { key -> Int? in
            guard key.hasPrefix("tahun_"), key != "tahun_baseline" else { return nil }
            return Int(key.dropFirst("tahun_".count)).flatMap { (1...Self.maximumRows).contains($0) ? $0 : nil }
        } + fields.keys.compactMap { key -> Int? in
            guard key.hasPrefix("nilai_") else { return nil }
            return Int(key.dropFirst("nilai_".count)).flatMap { (1...Self.maximumRows).contains($0) ? $0 : nil }
        }
        return Array(Set(numbers)).sorted()
    }

    /// The plan the form asks for, or its problems (every one found, each with its field).
    func plan(indicator: String, region: RegionCode, texts: Catalogue) -> Outcome {
        var problems: [Problem] = []
        func number(_ name: String) -> Double? {
            let typed = text(name)
            guard !typed.isEmpty else { return nil }
            guard let value = TargetSheet.number(.text(typed)) else {
                problems.append(Problem(field: name, message: texts("target_err_number", ["text": String(typed.prefix(40))])))
                return nil
            }
            guard value >= 0 else {
                problems.append(Problem(field: name, message: texts("target_err_negative", ["value": typed])))
                return nil
            }
            return value
        }
        func year(_ name: String) -> Int? {
            let typed = text(name)
            guard !typed.isEmpty else { return nil }
            guard typed.count == 4, let year = Int(typed) else {
                problems.append(Problem(field: name, message: texts("target_err_year", ["text": String(typed.prefix(40))])))
                return nil
            }
            guard TargetYear.range.contains(year) else {
                problems.append(Problem(field: name, message: texts("target_err_year_range", [
                    "year": typed, "from": String(TargetYear.range.lowerBound), "to": String(TargetYear.range.upperBound)])))
                return nil
            }
            return year
        }

        var plan = TargetPlan(indicator: indicator, region: region)
        let baselineValue = number("baseline"), baselineYear = year("tahun_baseline")
        switch (baselineValue, baselineYear) {
        case let (value?, year?): plan.baseline = Baseline(value: value, year: year, source: String(text("sumber").prefix(200)))
        case (_?, nil) where text("tahun_baseline").isEmpty:
            problems.append(Problem(field: "tahun_baseline", message: texts("target_err_baseline_year_missing")))
        case (nil, _?) where text("baseline").isEmpty:
            problems.append(Problem(field: "baseline", message: texts("target_err_baseline_value_missing")))
        default: break
        }
        var typedTargets: [Int: Double] = [:]
        var rowOfYear: [Int: Int] = [:]
        for row in rowNumbers {
            let (yearField, valueField) = ("tahun_\(row)", "nilai_\(row)")
            if text(yearField).isEmpty && text(valueField).isEmpty { continue }
            let targetYear = year(yearField), value = number(valueField)
            if text(yearField).isEmpty { problems.append(Problem(field: yearField, message: texts("target_err_target_year_missing"))) }
            if text(valueField).isEmpty { problems.append(Problem(field: valueField, message: texts("target_err_target_value_missing"))) }
            guard let targetYear, let value else { continue }
            if let earlier = rowOfYear[targetYear] {
                problems.append(Problem(field: yearField, message: texts("target_err_year_twice", ["year": String(targetYear), "row": String(earlier)])))
                continue
            }
            rowOfYear[targetYear] = row
            typedTargets[targetYear] = value
        }
        if !text("turun").isEmpty || !text("sampai").isEmpty {
            let percent = number("turun"), through = year("sampai")
            if text("turun").isEmpty { problems.append(Problem(field: "turun", message: texts("target_err_reduce_missing"))) }
            if text("sampai").isEmpty { problems.append(Problem(field: "sampai", message: texts("target_err_through_missing"))) }
            if let percent, let through {
                if let baseline = plan.baseline {
                    do {
                        plan.targets = try TargetPlan.derived(from: baseline, reducingBy: percent, through: through)
                    } catch {
                        problems.append(Problem(field: "turun", message: texts("target_err_reduce_range", ["value": text("turun")])))
                    }
                } else if problems.allSatisfy({ $0.field != "baseline" && $0.field != "tahun_baseline" }) {
                    problems.append(Problem(field: "baseline", message: texts("target_err_reduce_needs_baseline")))
                }
            }
        }
        plan.targets.merge(typedTargets) { _, typed in typed }
        guard problems.isEmpty else { return .problems(problems) }
        // The plan's own rules (domain): a baseline after its first target.
        for problem in plan.problems {
            if case .baselineAfterTarget(let baselineYear, let targetYear) = problem {
                return .problems([Problem(field: "tahun_baseline", message: texts("target_err_baseline_after", [
                    "baseline": String(baselineYear), "target": String(targetYear)]))])
            }
            return .problems([Problem(field: "baseline", message: problem.description)])
        }
        guard plan.baseline != nil || !plan.targets.isEmpty else {
            return .problems([Problem(field: "baseline", message: texts("target_err_nothing"))])
        }
        return .plan(plan)
    }
}
