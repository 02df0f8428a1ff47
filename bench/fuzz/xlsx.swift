import Foundation
import LumbungSheets

/// libFuzzer target: the XLSX reader (ZIP container, workbook parts, shared strings, styles, the worksheet's XML)
/// over any bytes, every sheet, under limits small enough for a fuzzer's memory (16 MiB per part).
let fuzzLimits = XLSXLimits(smallPartBytes: 1 << 20, sheetBytes: 16 << 20, sharedStringsPartBytes: 16 << 20, sharedStrings: 100_000,
                            sharedStringBytes: 4 << 20, cellsPerPackedByte: 100, baseCells: 100_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func lumbungFuzzXLSX(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let url = FuzzFile.write(data, size)
    do {
        let first = try XLSXSheetReader(url: url, limits: fuzzLimits)
        for sheet in first.sheetNames.indices.prefix(8) {
            let reader = sheet == 0 ? first : try XLSXSheetReader(url: url, sheet: sheet, limits: fuzzLimits)
            var cells = 0
            try reader.forEachRow { cells += $0.values.count }
        }
    } catch is SheetReadError {
    } catch {
        fatalError("XLSX reader threw \(type(of: error)): \(error)")
    }
    return 0
}
