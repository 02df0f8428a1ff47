import Foundation
import Hummingbird

/// The fields of a POST body, whichever way it is sent: `application/x-www-form-urlencoded` (HTML forms) or a JSON
/// object with the same field names (`Content-Type: application/json`). Every route that reads a form reads it here.
/// A JSON value may be text, a number, true/false, null (as if not sent) or a list of those (joined with commas).
enum RequestFields {
    /// At most 64 KiB are read.
    static let limit = 64 * 1024

    static func read(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: limit)
        if isJSON(request) { return try fields(json: Data(buffer.readableBytesView)) }
        return FormQuery.fields(String(buffer: buffer))
    }

    /// `application/json` or any `…+json` type.
    static func isJSON(_ request: Request) -> Bool {
        guard let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() else {
            return false
        }
        return type == "application/json" || type.hasSuffix("+json")
    }

    /// A JSON object's fields as text, or `AppError.badJSON` saying where it is wrong.
    static func fields(json data: Data) throws -> [String: String] {
        do {
            return try JSONDecoder().decode([String: Value].self, from: data).compactMapValues(\.text)
        } catch let error as DecodingError {
            throw AppError.badJSON(problem(error, in: data))
        } catch {
            throw AppError.badJSON(.syntax(line: nil, column: nil, field: nil))
        }
    }

    /// One field's value.
    enum Value: Decodable {
        case text(String)
        case list([String])
        case null

        var text: String? {
            switch self {
            case .text(let text): text
            case .list(let items): items.joined(separator: ",")
            case .null: nil
            }
        }

        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { self = .null; return }
            if let scalar = Self.scalar(single) { self = .text(scalar); return }
            // A list of scalars; anything else names the field.
            var list = try decoder.unkeyedContainer()
            var items: [String] = []
            while !list.isAtEnd {
                let item = try list.superDecoder().singleValueContainer()
                guard let text = Self.scalar(item) else {
                    throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "a list holds an object or a list"))
                }
                items.append(text)
            }
            self = .list(items)
        }

        private static func scalar(_ single: any SingleValueDecodingContainer) -> String? {
            if let flag = try? single.decode(Bool.self) { return flag ? "true" : "false" }
            if let whole = try? single.decode(Int64.self) { return String(whole) }
            if let number = try? single.decode(Double.self) { return number.isFinite ? String(number) : nil }
            return try? single.decode(String.self)
        }
    }

    /// What is wrong, naming the field when one is to blame.
    static func problem(_ error: DecodingError, in data: Data) -> JSONBodyProblem {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            guard let field = context.codingPath.first?.stringValue else { return .notObject }
            return .field(String(field.prefix(60)))
        case .dataCorrupted(let context):
            if let field = context.codingPath.first?.stringValue { return .field(String(field.prefix(60))) }
            let described = "\(context.underlyingError.map { String(describing: $0) } ?? "") \(context.debugDescription)"
            let (line, column) = position(in: described)
            return .syntax(line: line, column: column, field: lastField(in: data, line: line, column: column))
        default:
            return .notObject
        }
    }

    /// `line N, column M` from a parser's message.
    static func position(in text: String) -> (Int?, Int?) {
        guard let lineRange = text.range(of: "line "), let columnRange = text.range(of: "column ") else { return (nil, nil) }
        let line = Int(text[lineRange.upperBound...].prefix { $0.isNumber })
        let column = Int(text[columnRange.upperBound...].prefix { $0.isNumber })
        return (line, column)
    }

    /// The last field name (`"name":`) that starts before line `line`, column `column` of the body.
    static func lastField(in data: Data, line: Int?, column: Int?) -> String? {
        let bytes = [UInt8](data.prefix(limit))
        var end = bytes.count
        if let line, let column {
            var currentLine = 1, index = 0
            while index < bytes.count, currentLine < line {
                if bytes[index] == 0x0A { currentLine += 1 }
                index += 1
            }
            end = min(bytes.count, index + max(0, column - 1))
        }
        var last: String?
        var index = 0
        while index < end {
            guard bytes[index] == UInt8(ascii: "\"") else { index += 1; continue }
            var close = index + 1
            while close < bytes.count, bytes[close] != UInt8(ascii: "\"") { close += bytes[close] == UInt8(ascii: "\\") ? 2 : 1 }
            guard close < bytes.count else { break }
            var after = close + 1
            while after < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[after]) { after += 1 }
            if after < bytes.count, bytes[after] == UInt8(ascii: ":"), close + 1 <= end {
                last = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
            }
            index = close + 1
        }
        return last.map { String($0.prefix(60)) }
    }
}

/// Why a JSON body was refused.
enum JSONBodyProblem: Sendable, Equatable {
    /// Not JSON at all: where the parser stopped, and the last field that began before it.
    case syntax(line: Int?, column: Int?, field: String?)
    /// JSON, but not an object of fields.
    case notObject
    /// A field whose value is an object, or a list holding one.
    case field(String)

    /// A field name as shown in a message: printable characters only.
    static func shown(_ name: String) -> String {
        String(name.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }

    var english: String {
        switch self {
        case .syntax(let line, let column, let field):
            let place = line.map { " at line \($0)" + (column.map { ", column \($0)" } ?? "") } ?? ""
            return "The body is not valid JSON\(place)" + (field.map { " (in or after field \"\(Self.shown($0))\")" } ?? "") + "."
        case .notObject:
            return "The body must be a JSON object of fields, e.g. {\"nik\": \"…\"}."
        case .field(let name):
            return "Field \"\(Self.shown(name))\" must be text, a number, true/false or a list of those, not an object."
        }
    }

    var indonesian: String {
        switch self {
        case .syntax(let line, let column, let field):
            let place = line.map { " di baris \($0)" + (column.map { ", kolom \($0)" } ?? "") } ?? ""
            return "Isi permintaan bukan JSON yang sah\(place)" + (field.map { " (pada atau sesudah isian \"\(Self.shown($0))\")" } ?? "") + "."
        case .notObject:
            return "Isi permintaan harus berupa objek JSON berisi isian-isiannya, mis. {\"nik\": \"…\"}."
        case .field(let name):
            return "Isian \"\(Self.shown(name))\" harus berupa teks, angka, true/false, atau daftar nilai-nilai itu, bukan objek."
        }
    }
}
