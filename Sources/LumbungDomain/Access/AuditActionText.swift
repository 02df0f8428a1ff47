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
        case .organisationChanged: "Organisasi diubah"
        case .organisationClosed: "Organisasi ditutup"
        case .programmeAdded: "Program ditambahkan"
        case .programmeChanged: "Program diubah"
        case .programmeClosed: "Program ditutup"
        case .columnTemplateSaved: "Templat kolom disimpan"
        case .columnTemplateDeleted: "Templat kolom dihapus"
        case .targetSaved: "Baseline/target disimpan"
        case .targetDeleted: "Baseline/target dihapus"
        case .externalImported: "Data sumber lain diimpor"
        }
    }
}

extension AuditEvent.Action {
    /// What happened, in English words for the audit page in English ("Signed in").
    public var englishText: String {
        switch self {
        case .loginSucceeded: "Signed in"
        case .loginFailed: "Sign-in failed"
        case .loginThrottled: "Sign-in held back (too many failures)"
        case .logout: "Signed out"
        case .accessDenied: "Access denied"
        case .personalDataViewed: "Personal data viewed"
        case .personalDataExported: "Personal data downloaded"
        case .importStarted: "Import started"
        case .importCancelled: "Import cancelled"
        case .userAdded: "User added"
        case .userChanged: "User changed"
        case .userDisabled: "User disabled"
        case .passwordReset: "Password reset"
        case .tokenIssued: "API token issued"
        case .tokenRevoked: "API token revoked"
        case .tokenRejected: "API token rejected"
        case .sessionRejected: "Session rejected"
        case .csrfRejected: "Form refused (wrong CSRF token)"
        case .eventsSuppressed: "Events summarised (too many from one address)"
        case .organisationAdded: "Organisation added"
        case .organisationChanged: "Organisation changed"
        case .organisationClosed: "Organisation closed"
        case .programmeAdded: "Programme added"
        case .programmeChanged: "Programme changed"
        case .programmeClosed: "Programme closed"
        case .columnTemplateSaved: "Column template saved"
        case .columnTemplateDeleted: "Column template deleted"
        case .targetSaved: "Baseline/target saved"
        case .targetDeleted: "Baseline/target deleted"
        case .externalImported: "Figures from other sources imported"
        }
    }
}
