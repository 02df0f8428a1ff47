import Foundation
import LumbungDomain
import Testing

/// A lint for issue 12, finding 1: `Int(someDouble)` traps on NaN, infinity and anything beyond `Int`'s
/// range, and one such value in a URL stopped the server. Floating-point numbers become integers only
/// through `Int(checked:rounding:)` or `Int(saturating:rounding:)` (LumbungDomain/Support/CheckedInteger.swift);
/// this test reads every file under Sources/ and fails on any other `Int(`, `Int32(`, `Int64(`, `UInt(`…
/// whose argument is a floating-point value.
///
/// Swift's types are not visible to a text search, so "a floating-point value" is recognised the way a
/// reviewer would: the argument calls `.rounded`, `Double(`, `pow(`…, holds a decimal literal, or names a
/// variable, parameter or property declared `Double`/`Float`/`TimeInterval` (or a closure's `$0` over
/// such a collection). String parsing (`Int(text)`, `Int(text, radix: 16)`) and labelled conversions pass.
@Suite struct NumberConversionLintTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test func no_trapping_integer_conversion_of_a_double_anywhere_in_the_sources() throws {
        let files = try NumberConversionLint.swiftFiles(under: Self.sources)
        #expect(files.count > 50, "Sources/ not found at \(Self.sources.path)")
        let texts = try files.map { ($0, try String(contentsOf: $0, encoding: .utf8)) }
        let members = NumberConversionLint.doubleMembers(in: texts.map(\.1))
        let findings = texts.flatMap { url, text in
            NumberConversionLint.findings(in: text, file: url.path.replacingOccurrences(of: Self.sources.path + "/", with: ""), members: members)
        }
        #expect(findings.isEmpty, "Use Int(checked:) or Int(saturating:) instead:\n\(findings.joined(separator: "\n"))")
    }

    /// The lint itself catches the conversions the probe exploited, and leaves string parsing alone.
    @Test func the_lint_finds_the_patterns_that_crashed_and_passes_safe_ones() {
        let crashing = [
            "let serial = Double(text)\nlet date = CalendarDate(excelSerial: Int(serial))",
            "static func weightNumber(_ value: Double) -> String {\n value == value.rounded() ? String(Int(value)) : String(value)\n}",
            "if let serial = Double(cellText), let d = CalendarDate(excelSerial: Int(serial.rounded(.down))) {}",
            "let exact = weights.map { Double(total) * $0 / sum }\nvar parts = exact.map { Int($0) }",
            "let x = Int64(3.5)",
            "percent = Int(status.fraction * 100)",
            "let tenths = Int32((abs(value) * 10).rounded())",
        ]
        let members: Set<String> = ["fraction"]
        for source in crashing {
            #expect(NumberConversionLint.findings(in: source, file: "x.swift", members: members).count == 1, "\(source)")
        }
        let safe = [
            "let text: String = \"1\"\nlet n = Int(text)",
            "let n = Int(text, radix: 16)",
            "let v = Int(checked: value, rounding: .down)",
            "let v = Int(saturating: fraction * 100)",
            "rowNumber = attributes.first { $0.0 == \"r\" }.flatMap { Int($0.1) }",
            "index = index * 26 + Int(scalar.value - 64)",
            "// Int(serial) in a comment",
            "let b = UInt8(ascii: \"<\")",
        ]
        for source in safe {
            #expect(NumberConversionLint.findings(in: source, file: "x.swift", members: members).isEmpty, "\(source)")
        }
    }

    @Test func the_checked_conversions_answer_for_every_double() {
        for value in [Double.nan, .infinity, -.infinity, 1e19, -1e19, 1e300, 9_223_372_036_854_775_808, .greatestFiniteMagnitude] {
            #expect(Int(checked: value) == nil, "\(value)")
        }
        #expect(Int(checked: 57.9) == 57 && Int(checked: -57.9, rounding: .down) == -58 && Int(checked: 2.5, rounding: .toNearestOrAwayFromZero) == 3)
        #expect(Int(checked: 9_223_372_036_854_774_784) == 9_223_372_036_854_774_784)
        #expect(Int(saturating: .nan) == 0 && Int(saturating: 1e300) == .max && Int(saturating: -1e300) == -.max && Int(saturating: 7.6) == 7)
    }
}

/// The text search behind `NumberConversionLintTests`.
enum NumberConversionLint {
    static func swiftFiles(under folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    private static let floatingType = #"(?:Double|Float|Float32|Float64|CGFloat|TimeInterval)"#
    /// A declaration whose type is written: `let rate: Double`, `_ value: Double)`, `weights: [Double]`.
    private static let typedDeclaration = try! NSRegularExpression(pattern: #"\b(\w+)\s*:\s*\[?\#(floatingType)\]?\??\s*(?:[,)={]|$)"#, options: .anchorsMatchLines)
    /// A declaration whose value is plainly floating point: `let serial = Double(text)`, `let u = 0.5`.
    private static let inferredDeclaration = try! NSRegularExpression(
        pattern: #"\b(?:let|var)\s+(\w+)\s*=\s*[^\n]*(?:\b\#(floatingType)\(|\.rounded\(|(?<![\w$.])\d+\.\d+\b|\.unit\(\))"#)
    /// A property of some type declared floating point, reached as `.name` anywhere.
    private static let memberDeclaration = try! NSRegularExpression(pattern: #"\b(?:let|var)\s+(\w+)\s*:\s*\#(floatingType)\??"#)
    private static let conversion = try! NSRegularExpression(pattern: #"(?<![\w.])(?:U?Int(?:8|16|32|64)?)\("#)
    private static let alwaysFloating = try! NSRegularExpression(
        pattern: #"\.rounded\b|\b\#(floatingType)\(|\b(?:pow|sqrt|exp|log|floor|ceil|fmod)\(|\btimeInterval|(?<![\w$.])\d+\.\d+\b|(?<![\w$.])\d+[eE][-+]?\d+\b"#)
    private static let closureOver = try! NSRegularExpression(pattern: #"(\w+)\s*\.\s*(?:map|compactMap|flatMap|forEach|filter|reduce|sorted|contains)\s*(?:\([^)]*\))?\s*\{[^{}]*$"#)

    static func doubleMembers(in texts: [String]) -> Set<String> {
        Set(texts.flatMap { names(memberDeclaration, in: $0) })
    }

    private static func names(_ regex: NSRegularExpression, in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
    }

    /// `file:line: text` for each conversion of a floating-point value in `source`.
    static func findings(in source: String, file: String, members: Set<String>) -> [String] {
        let code = source.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.trimmingCharacters(in: .whitespaces).hasPrefix("//") ? "" : String(line)
        }
        let text = code.joined(separator: "\n")
        let locals = Set(names(typedDeclaration, in: text) + names(inferredDeclaration, in: text))
        var found: [String] = []
        let ns = text as NSString
        for match in conversion.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard let argument = balancedArgument(ns, from: match.range.location + match.range.length) else { continue }
            if argument.range(of: #"^\s*\w+\s*:"#, options: .regularExpression) != nil || argument.contains("radix:") { continue }
            let before = ns.substring(with: NSRange(location: 0, length: match.range.location))
            let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
            if isFloating(argument, locals: locals, members: members, lineBefore: String(before[lineStart...])) {
                let line = before.filter { $0 == "\n" }.count + 1
                found.append("\(file):\(line): \(code[line - 1].trimmingCharacters(in: .whitespaces))")
            }
        }
        return found
    }

    private static func isFloating(_ argument: String, locals: Set<String>, members: Set<String>, lineBefore: String) -> Bool {
        let range = NSRange(argument.startIndex..., in: argument)
        if alwaysFloating.firstMatch(in: argument, range: range) != nil { return true }
        let tokens = try! NSRegularExpression(pattern: #"(\.?)\b([A-Za-z_]\w*)\b"#)
        for token in tokens.matches(in: argument, range: range) {
            guard let dot = Range(token.range(at: 1), in: argument), let name = Range(token.range(at: 2), in: argument) else { continue }
            if argument[dot].isEmpty ? locals.contains(String(argument[name])) : members.contains(String(argument[name])) { return true }
        }
        if argument.contains("$0") || argument.contains("$1"),
           let closure = closureOver.firstMatch(in: lineBefore, range: NSRange(lineBefore.startIndex..., in: lineBefore)),
           let name = Range(closure.range(at: 1), in: lineBefore) {
            return locals.contains(String(lineBefore[name])) || members.contains(String(lineBefore[name]))
        }
        return false
    }

    /// The text between the `(` just before `start` and its matching `)`.
    private static func balancedArgument(_ text: NSString, from start: Int) -> String? {
        var depth = 1
        var index = start
        while index < text.length {
            switch text.character(at: index) {
            case 40: depth += 1  // (
            case 41:  // )
                depth -= 1
                if depth == 0 { return text.substring(with: NSRange(location: start, length: index - start)) }
            default: break
            }
            index += 1
        }
        return nil
    }
}
