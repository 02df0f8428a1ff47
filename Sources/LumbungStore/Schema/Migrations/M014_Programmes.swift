extension Migration {
    /// Programmes of every organisation and who they reach (issue 14).
    ///
    /// - `organisation`: a body that runs programmes (kind: OPD, Dinas Sosial, BAZNAS, LSM, university, village,
    ///   CSR, ministry), unique by name — a partner user's `app_user.organisation` names one.
    /// - `programme`: code (unique), name, organisation, target unit, source of funds, period, budget, eligibility
    ///   in words and as desil ≤ N, closing date; `programme_sector` and `programme_region` list its sectors and
    ///   target regions.
    /// - `enrolment`: one row per person or family a beneficiary list names for a programme and period, as the
    ///   list gave it (NIK, No. KK, name, birth date, address, desa, date received, amount), with how it was matched
    ///   to the registry (`nik`, `kk`, `name_birth`, or `unmatched` — kept, never dropped) and the family/person it
    ///   was matched to, with the family's desa when it was matched (for scoped counts; coverage reads the family's own). `(programme_id, enrolment_key, period)` is unique, so a list imported twice enrols no one
    ///   twice. No foreign key to the partitioned `household` (see migration 7): the import writes only ids it
    ///   found in the same transaction.
    /// Code lists (kinds, sectors, units, match kinds) are written out here, so this step never changes.
    static let programmes = Migration(id: 14, name: "organisations, programmes, enrolments") { d in
        [
            """
            CREATE TABLE organisation (
                id \(d.serialPrimaryKey),
                name TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN ('opd', 'dinsos', 'baznas', 'lsm', 'perguruan_tinggi', 'desa', 'csr', 'kementerian')),
                region_code TEXT REFERENCES region (code),
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now)
            )
            """,
            """
            CREATE TABLE programme (
                id \(d.serialPrimaryKey),
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                organisation_id \(d.bigint) NOT NULL REFERENCES organisation (id),
                unit TEXT NOT NULL CHECK (unit IN ('individu', 'keluarga')),
                funding_source TEXT NOT NULL DEFAULT '',
                start_date \(d.date) NOT NULL,
                end_date \(d.date),
                budget \(d.bigint) CHECK (budget >= 0),
                eligibility TEXT NOT NULL DEFAULT '',
                maximum_desil INTEGER CHECK (maximum_desil BETWEEN 1 AND 10),
                closed_on \(d.date),
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                CHECK (end_date IS NULL OR end_date >= start_date),
                CHECK (closed_on IS NULL OR closed_on >= start_date)
            )
            """,
            "CREATE INDEX programme_organisation ON programme (organisation_id)",
            """
            CREATE TABLE programme_sector (
                programme_id \(d.bigint) NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
                sector TEXT NOT NULL CHECK (sector IN ('tunai', 'pangan', 'kesehatan', 'pendidikan', 'perumahan', 'pemberdayaan', 'disabilitas', 'lansia')),
                PRIMARY KEY (programme_id, sector)
            )
            """,
            """
            CREATE TABLE programme_region (
                programme_id \(d.bigint) NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
                region_code TEXT NOT NULL REFERENCES region (code),
                PRIMARY KEY (programme_id, region_code)
            )
            """,
            """
            CREATE TABLE enrolment (
                id \(d.serialPrimaryKey),
                programme_id \(d.bigint) NOT NULL REFERENCES programme (id),
                enrolment_key TEXT NOT NULL,
                period TEXT NOT NULL DEFAULT '',
                batch_id \(d.bigint) REFERENCES import_batch (id),
                row_number INTEGER,
                nik TEXT,
                kk_number TEXT,
                full_name TEXT,
                birth_date \(d.date),
                address TEXT,
                listed_village_code TEXT,
                received_on \(d.date),
                amount \(d.bigint) CHECK (amount >= 0),
                match_kind TEXT NOT NULL CHECK (match_kind IN ('nik', 'kk', 'name_birth', 'unmatched')),
                regency_code TEXT,
                village_code TEXT,
                household_id \(d.bigint),
                person_id \(d.bigint),
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                UNIQUE (programme_id, enrolment_key, period),
                CHECK ((match_kind = 'unmatched') = (household_id IS NULL))
            )
            """,
            "CREATE INDEX enrolment_household ON enrolment (regency_code, household_id)",
            "CREATE INDEX enrolment_batch ON enrolment (batch_id)",
            "CREATE INDEX enrolment_village ON enrolment (village_code)",
            "CREATE INDEX enrolment_unmatched ON enrolment (programme_id, match_kind)",
        ]
    }
}
