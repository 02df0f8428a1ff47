/// Why a snapshot, a diff, a baseline or a target cannot be made or read: each with one message in Bahasa
/// Indonesia that says what is wrong and what to do (`description`, used by the command line, pages and API).
public enum MonitoringProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case snapshotNameInvalid(String)
    case snapshotNameTaken(String)
    case snapshotUnknown(String)
    case importRunning
    case registryEmpty
    case snapshotFormatDiffers(name: String, stored: Int, current: Int)
    case diffLevelUnknown(String)
    case dateUnreadable(String)
    case indicatorUnknown(String)
    case regionUnknown(String)
    case yearOutOfRange(Int)
    case valueNegative(Double)
    case baselineMissing(indicator: String, region: String)
    case baselineAfterTarget(baselineYear: Int, targetYear: Int)
    case reductionOutOfRange(Double)
    case splitUnknown(String, indicator: String, choices: String)

    public var description: String {
        switch self {
        case .snapshotNameInvalid(let text):
            "Nama snapshot '\(text)' tidak sah: pakai 1–\(SnapshotName.maximumLength) huruf, angka, '.', '-' atau '_' (mis. rilis-2025-1)."
        case .snapshotNameTaken(let name):
            "Snapshot '\(name)' sudah ada; snapshot tidak pernah dihitung ulang: pilih nama lain."
        case .snapshotUnknown(let name):
            "Snapshot '\(name)' tidak ditemukan: lihat daftar dengan `lumbung snapshot list`."
        case .importRunning:
            "Sedang ada impor yang berjalan: snapshot tidak dibuat agar angkanya tidak setengah jadi. Ulangi setelah impor selesai."
        case .registryEmpty:
            "Registri masih kosong: impor data dulu sebelum membuat snapshot."
        case .snapshotFormatDiffers(let name, let stored, let current):
            "Snapshot '\(name)' disimpan dalam format rekap \(stored), sedangkan versi Lumbung ini membaca format \(current): angkanya tidak dapat dibaca tanpa mengubahnya."
        case .diffLevelUnknown(let text):
            "Tingkat '\(text)' tidak dikenal: pakai kabupaten, kecamatan atau desa."
        case .dateUnreadable(let text):
            "Tanggal '\(text)' tidak terbaca: tulis sebagai tttt-bb-hh (mis. 2025-06-30)."
        case .indicatorUnknown(let id):
            "Indikator '\(id)' tidak dikenal: lihat daftar indikator di /api/v1/indicators."
        case .regionUnknown(let code):
            "Wilayah '\(code)' tidak dikenal: tulis kode Kemendagri bertitik (mis. 52.03 atau 52.03.01)."
        case .yearOutOfRange(let year):
            "Tahun \(year) di luar rentang \(TargetYear.range.lowerBound)–\(TargetYear.range.upperBound)."
        case .valueNegative(let value):
            "Nilai \(IndonesianNumber.decimal(value)) tidak boleh negatif."
        case .baselineMissing(let indicator, let region):
            "Belum ada baseline untuk indikator \(indicator) di wilayah \(region): isi baseline dulu."
        case .baselineAfterTarget(let baselineYear, let targetYear):
            "Tahun baseline \(baselineYear) tidak boleh sesudah tahun target \(targetYear)."
        case .reductionOutOfRange(let percent):
            "Penurunan \(IndonesianNumber.decimal(percent)) % per tahun di luar rentang 0–100 %."
        case .splitUnknown(let text, let indicator, let choices):
            "Rincian '\(text)' tidak ada untuk indikator \(indicator): pilih salah satu dari \(choices) (mis. sex=perempuan)."
        }
    }
}

/// The years a baseline or target may name.
public enum TargetYear {
    public static let range = 2000...2100
}
