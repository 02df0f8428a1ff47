import Foundation
import LumbungDomain
import LumbungSheets

/// libFuzzer target: the row parser. The input is read as CSV; when a table of a known layout is found in it,
/// every row goes through `RowParser.parse` (dates, NIK/No. KK, codes, regions, numbers). Compiled into the
/// LumbungImport module (bench/fuzz.sh), so it reaches the table scan as the import job does.
let fuzzReferences: ImportReferences = {
    do { return try ImportReferences.load() } catch { fatalError("reference data: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func lumbungFuzzRowParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let url = FuzzFile.write(data, size)
    let readers: [any SheetReader]
    let tables: [FoundTable]
    do {
        readers = [try CSVSheetReader(url: url)]
        tables = try TableScan.find(in: readers, choice: "auto", mapping: [:]).tables
    } catch is SheetReadError {
        return 0
    } catch is ImportError {
        return 0
    } catch {
        fatalError("table scan threw \(type(of: error)): \(error)")
    }
    guard let asOf = CalendarDate(year: 2025, month: 6, day: 30) else { return 0 }
    for table in tables {
        let parser = RowParser(table: table, asOf: asOf, references: fuzzReferences, scope: nil)
        do {
            try readers[table.sheet].forEachRow { row in
                guard row.number > table.headerRow else { return }
                _ = parser.parse(row)
            }
        } catch is SheetReadError {
        } catch {
            fatalError("rows threw \(type(of: error)): \(error)")
        }
    }
    return 0
}
