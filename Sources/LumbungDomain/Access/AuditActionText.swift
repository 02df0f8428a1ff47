extension AuditEvent.Action {
    /// What happened, in words for the audit page ("Masuk berhasil"); the raw value stays what is stored and searched.
    public var indonesianText: String {
        switch self {
        case .loginSucceeded: "Masuk berhasil"
        case .loginFailed: "Masuk gagal"
        case .loginThrottled: "Masuk ditahan (terlalu sering gagal)"
        case .logout: "Keluar"
        case .accessDenied: "Akses ditolak"
        case .personalDataViewed: "Data pribadi dilihat"
        case .personalDataExported: "Data pribadi diunduh"
        case .importStarted: "Impor dimulai"
        case .importCancelled: "Impor dibatalkan"
        case .userAdded: "Pengguna ditambahkan"
        case .userChanged: "Pengguna diubah"
        case .userDisabled: "Pengguna dinonaktifkan"
        case .passwordReset: "Kata sandi diatur ulang"
        case .tokenIssued: "Token API diterbitkan"
        case .tokenRevoked: "Token API dicabut"
        case .tokenRejected: "Token API ditolak"
        case .sessionRejected: "Sesi ditolak"
        case .csrfRejected: "Formulir ditolak (token CSRF salah)"
        case .eventsSuppressed: "Kejadian diringkas (terlalu banyak dari satu alamat)"
        case .organisationAdded: "Organisasi ditambahkan"
        case .programmeAdded: "Program ditambahkan"
        case .programmeChanged: "Program diubah"
        case .programmeClosed: "Program ditutup"
        case .columnTemplateSaved: "Templat kolom disimpan"
        case .columnTemplateDeleted: "Templat kolom dihapus"
        case .targetSaved: "Baseline/target disimpan"
        case .targetDeleted: "Baseline/target dihapus"
        }
    }
}
