/// What a user of Lumbung is allowed to do, before their region scope narrows it.
///
/// - `admin`: LKKS NTB data managers — everything, including users and the audit log.
/// - `analyst`: reads everything in scope, personal data included (NIK and KK masked).
/// - `operator`: a kabupaten/kota operator — imports and reads personal data in scope (full NIK, to verify records).
/// - `partner`: an organisation (NGO, university, BAZNAS…) — aggregates in scope, small cells suppressed.
/// - `viewer`: aggregates in scope only, small cells suppressed (board members, guests).
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    case admin, analyst, `operator`, partner, viewer

    public var permissions: Set<Permission> {
        switch self {
        case .admin: Set(Permission.allCases)
        case .analyst: [.readAggregates, .exactSmallCounts, .readPersonalData, .setTargets, .importExternalFigures]
        case .operator: [.readAggregates, .exactSmallCounts, .readPersonalData, .seeFullIdentity, .importData, .manageProgrammes]
        case .partner, .viewer: [.readAggregates]
        }
    }

    public func may(_ permission: Permission) -> Bool { permissions.contains(permission) }

    /// How far the role reaches, for `Oversight`: no one may give a role above their own.
    /// Admin 3; analyst and operator 2 (personal data); partner and viewer 1 (aggregates only).
    public var rank: Int {
        switch self {
        case .admin: 3
        case .analyst, .operator: 2
        case .partner, .viewer: 1
        }
    }

    public var label: String {
        switch self {
        case .admin: "Admin"
        case .analyst: "Analis"
        case .operator: "Operator"
        case .partner: "Mitra"
        case .viewer: "Pembaca"
        }
    }
}

/// One thing a role may do. Routes name the permission they need; the role table grants them.
public enum Permission: String, Sendable, Codable, CaseIterable, Hashable {
    /// Indicators, rankings, summaries, region profiles.
    case readAggregates = "read_aggregates"
    /// Counts below `CellSuppression.threshold` shown as they are (otherwise "<5").
    case exactSmallCounts = "exact_small_counts"
    /// Person and family records, import reports and rejected rows.
    case readPersonalData = "read_personal_data"
    /// NIK and KK in full (otherwise masked to the last 4 digits).
    case seeFullIdentity = "see_full_identity"
    /// Upload files into the registry.
    case importData = "import_data"
    /// Add, disable and reset users; issue API tokens.
    case manageUsers = "manage_users"
    /// Search and verify the audit log.
    case readAudit = "read_audit"
    /// Register, change and close organisations and programmes within the region scope, and import their beneficiary lists.
    case manageProgrammes = "manage_programmes"
    /// Set, change and delete baselines and targets (Pemantauan) for regions within the scope.
    case setTargets = "set_targets"
    /// Import region-level figures other bodies publish (stunting, sanitation, BPS poverty: `ExternalIndicator`).
    case importExternalFigures = "import_external_figures"

    /// What the permission allows, for messages: "… may not import data".
    public var activity: (english: String, indonesian: String) {
        switch self {
        case .readAggregates: ("read indicators and rankings", "membaca indikator dan peringkat")
        case .exactSmallCounts: ("see counts under 5", "melihat jumlah di bawah 5")
        case .readPersonalData: ("read personal data", "membaca data pribadi")
        case .seeFullIdentity: ("see NIK and KK in full", "melihat NIK dan No. KK lengkap")
        case .importData: ("import data", "mengimpor data")
        case .manageUsers: ("manage users", "mengelola pengguna")
        case .readAudit: ("read the audit log", "membaca log audit")
        case .manageProgrammes: ("manage programmes", "mengelola program")
        case .setTargets: ("set baselines and targets", "mengisi baseline dan target")
        case .importExternalFigures: ("import figures from other sources", "mengimpor data dari sumber lain")
        }
    }
}
