import LumbungDomain
import LumbungStore

extension AccessError {
    /// The store's reason in Bahasa Indonesia, for the pages.
    var indonesianDescription: String {
        switch self {
        case .usernameTaken(let name): "Nama pengguna '\(name)' sudah dipakai."
        case .unknownUser(let name): "Tidak ada pengguna '\(name)'."
        case .weakPassword(let reason):
            "Kata sandi terlalu lemah: \(reason.indonesian). Aturannya: minimal \(PasswordPolicy.minimumLength) karakter "
                + "(admin \(PasswordPolicy.adminMinimumLength)), tidak hanya angka, tidak memuat nama pengguna, sedikitnya 4 karakter berbeda, "
                + "dan bukan kata sandi umum."
        case .outsideOversight(let name, let scope):
            "Anda tidak dapat mengelola pengguna '\(name)' (wilayah \(scope)): hanya pengguna di dalam wilayah kerja Anda, dengan peran tidak di atas peran Anda."
        case .badUsername(let name): "'\(name)' bukan nama pengguna yang sah: pakai 3–40 huruf kecil, angka, titik, '-' atau '_'."
        case .unknownScope(let code): "Tidak ada wilayah dengan kode '\(code)'."
        case .partnerWithoutOrganisation: "Mitra harus punya nama organisasi."
        case .unknownToken(let id): "Tidak ada token API aktif dengan nomor \(id)."
        case .wrongPassword: "Kata sandi saat ini salah."
        case .busy: "Server sedang sibuk memeriksa kata sandi; coba lagi sebentar lagi."
        }
    }
}
