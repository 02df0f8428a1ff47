import Foundation
import LumbungSheets

/// libFuzzer target: the CSV reader (encoding sniffing, delimiters, quotes, line ends) over any bytes.
/// Every input must end in rows or a `SheetReadError`; a trap, a hang or an ASan report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func lumbungFuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let url = FuzzFile.write(data, size)
    do {
        let reader = try CSVSheetReader(url: url)
        var cells = 0
        try reader.forEachRow { cells += $0.values.count }
    } catch is SheetReadError {
    } catch {
        // Only SheetReadError is a reader's answer to bad input; anything else is a finding.
        fatalError("CSV reader threw \(type(of: error)): \(error)")
    }
    return 0
}
