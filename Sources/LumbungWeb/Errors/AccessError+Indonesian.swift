import LumbungStore

extension AccessError {
    /// The store's reason in Bahasa Indonesia, for the pages.
    var indonesianDescription: String {
        switch self {
        case .usernameTaken(let name): "Nama pengguna '\(name)' sudah dipakai."
        case .unknownUser(let name): "Tidak ada pengguna '\(name)'."
        case .weakPassword: "Kata sandi terlalu lemah: minimal \(Passwords.minimumLength) karakter, tidak memuat nama pengguna, dan tidak berulang."
        case .badUsername(let name): "'\(name)' bukan nama pengguna yang sah: pakai 3–40 huruf kecil, angka, titik, '-' atau '_'."
        case .unknownScope(let code): "Tidak ada wilayah dengan kode '\(code)'."
        case .partnerWithoutOrganisation: "Mitra harus punya nama organisasi."
        case .unknownToken(let id): "Tidak ada token API aktif dengan nomor \(id)."
        case .wrongPassword: "Kata sandi saat ini salah."
        }
    }
}
