import ArgumentParser
import Foundation
import LumbungDomain
import LumbungSynth

/// `lumbung generate`: a synthetic NTB population as real-looking export files, with `truth.json`.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic NTB population as DTSEN, P3KE, SIKS-NG, programme and field-shaped files.",
        discussion: """
            Writes one file per layout and kabupaten/kota, plus truth.json with the true counts of every
            region and every injected fault. The same seed and options give byte-identical files. The
            people are invented: no file holds real personal data.

            Examples:
              lumbung generate --out demo                       1 % of NTB (≈ 58,000 people) as CSV
              lumbung generate --out ntb --scale 1              the whole province (≈ 5.75 million people)
              lumbung generate --out x --format xlsx --layout p3ke --fault-scale 0
              lumbung generate --out f --scale 0.002 --layout field    the per-person shapes seen in the field
              lumbung generate --out d --scale 0.02 --region-scale 52.03=1    Lombok Timur at full size, the rest at 2 %
              lumbung generate --out r2 --release 2     the same province a year later, with truth.json's releaseDiff
            """
    )

    @Option(help: "The folder to create (it must not exist yet, or be empty).")
    var out: String

    @Option(help: "1 is the whole province (≈ 5.75 million people); smaller keeps every desa with fewer people.")
    var scale: Double = 0.01

    @Option(name: .customLong("region-scale"), help: ArgumentHelp(
        "A kabupaten/kota at a scale of its own, e.g. --region-scale 52.03=1 (Lombok Timur at full size); repeatable.",
        valueName: "code=scale"))
    var regionScales: [String] = []

    @Option(help: "Random seed: the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(help: "csv, xlsx, ods (LibreOffice) or xls (Excel 97–2003).")
    var format: String = "csv"

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "all (dtsen, p3ke, siksng, programs), field (dtsen-art, desa-penduduk, bdt2015, regsosek), every, or any of them.",
        valueName: "layout"))
    var layout: [String] = ["all"]

    @Option(help: "Multiplies every fault rate; 0 writes clean files, 2 twice as many faults.")
    var faultScale: Double = 1

    @Option(name: .customLong("fault"), help: ArgumentHelp(
        "Sets one fault rate, e.g. --fault invalid_nik=0.01 (after --fault-scale).",
        discussion: "Kinds: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind=rate"))
    var faults: [String] = []

    @Option(help: "The date ages are counted on (yyyy-mm-dd).")
    var asOf: String = "2025-06-30"

    @Flag(help: "Write the dtsen files as a partner sends them: headers renamed to the partner's words, two extra columns, and the mapping that reads each beside it (FILE.kolom.json, for lumbung import --mapping).")
    var partnerColumns = false

    @Option(help: ArgumentHelp(
        "Which yearly release: 1 is the province on --as-of; N the same people N - 1 years later (aged, born, died, married, moved).",
        valueName: "N"))
    var release: Int = 1

    @Option(help: "Kabupaten/kota generated at the same time.")
    var jobs: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    func run() async throws {
        let options = try makeOptions()
        let generator = PopulationGenerator(options: options)
        let started = Date()
        let summary: PopulationGenerator.Summary
        do {
            summary = try await generator.generate(into: URL(fileURLWithPath: out)) { line in
                FileHandle.standardError.write(Data("  \(line)\n".utf8))
            }
        } catch let error as GeneratorError {
            switch error {
            case .badScale, .noLayout, .badFaultRate, .unknownLayout, .unknownRegency, .badRelease: throw CLIFailure.usage(error.description)
            case .outputNotEmpty, .outputNotWritable: throw CLIFailure.failure(error.description)
            }
        }
        let seconds = Date().timeIntervalSince(started)
        print("Generated \(summary.families) families and \(summary.people) people into \(summary.folder.path) in \(String(format: "%.1f", seconds)) s:")
        for file in summary.files { print("  \(file)") }
    }

    func makeOptions() throws -> GeneratorOptions {
        guard let format = SynthFormat(rawValue: format.lowercased()) else {
            throw CLIFailure.usage("Unknown format '\(format)': use csv, xlsx, ods or xls.")
        }
        var layouts: Set<SynthLayout> = []
        for name in layout.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            if name == "all" {
                layouts.formUnion(SynthLayout.standard)
            } else if name == "field" {
                layouts.formUnion(SynthLayout.field)
            } else if name == "every" {
                layouts.formUnion(SynthLayout.allCases)
            } else if let one = SynthLayout(rawValue: name) {
                layouts.insert(one)
            } else {
                throw CLIFailure.usage(GeneratorError.unknownLayout(name).description)
            }
        }
        guard let date = CalendarDate(iso: asOf) else {
            throw CLIFailure.usage("--as-of '\(asOf)' is not a date: write it as yyyy-mm-dd, e.g. 2025-06-30.")
        }
        guard faultScale >= 0, faultScale.isFinite else { throw CLIFailure.usage("--fault-scale must be 0 or more.") }
        guard jobs >= 1 else { throw CLIFailure.usage("--jobs must be at least 1.") }
        var rates = FaultRates.standard.scaled(by: faultScale)
        for setting in faults {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = FaultKind(rawValue: parts[0]), let rate = Double(parts[1]) else {
                throw CLIFailure.usage("--fault '\(setting)' is not kind=rate: kinds are \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            rates[kind] = rate
        }
        var options = GeneratorOptions(scale: scale, seed: seed, format: format, layouts: layouts, asOf: date,
                                       faultRates: rates, parallelism: jobs)
        options.regionScales = try Self.regionScales(regionScales)
        options.partnerColumns = partnerColumns
        options.release = release
        do {
            try options.validate()
        } catch {
            throw CLIFailure.usage(error.description)
        }
        return options
    }

    /// `52.03=1` → Lombok Timur at scale 1; a code with or without dots.
    static func regionScales(_ settings: [String]) throws -> [RegionCode: Double] {
        var scales: [RegionCode: Double] = [:]
        guard !settings.isEmpty else { return scales }
        let regencies = try GeneratorOptions.regencyCodes()
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let code = try? RegionCode(parts[0]), let share = Double(parts[1]) else {
                throw CLIFailure.usage("--region-scale '\(setting)' is not code=scale: write e.g. 52.03=1 (Lombok Timur at full size).")
            }
            guard regencies.contains(code) else { throw CLIFailure.usage(GeneratorError.unknownRegency(code.dotted).description) }
            guard share.isFinite, share > 0, share <= GeneratorOptions.maximumScale else {
                throw CLIFailure.usage("--region-scale '\(setting)': the scale must be above 0 and at most \(GeneratorOptions.maximumScale) (1 is the kabupaten/kota's whole population).")
            }
            scales[code] = share
        }
        return scales
    }
}
