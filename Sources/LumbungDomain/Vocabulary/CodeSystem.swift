/// The code system a file's numeric codes are written in. The same number means different things in
/// different systems (SHDK `2` is *suami* in Dukcapil's list and *istri/suami* in Regsosek's; education
/// `3` is *tamat SD* for Dukcapil and *SD* for Regsosek's jenjang list), so a code is always read in the
/// system of its source. Labels are the same words everywhere and are matched in every system.
///
/// Sources: `shared/docs/domain.md` §1.4–1.11.
public enum CodeSystem: String, Sendable, CaseIterable, Codable {
    /// Lumbung's own codes: the raw values of its code lists (what `lumbung generate` and Lumbung's own
    /// exports write). Equal to Dukcapil's where Lumbung adopts Dukcapil's list, to Regsosek's for housing.
    case lumbung
    /// Dukcapil/SIAK — codes of the family card (KK): SHDK 1–11, pendidikan dalam KK 1–10, agama 1–7,
    /// pekerjaan 1–89, status kawin 1–4, and the legacy *cacat* list 1–7 (§1.8). Also SIKS-NG usulan files.
    case dukcapil
    /// The village information system whose population exports are described in §1.11 (`kk_level`,
    /// `pendidikan_kk_id`, `agama_id`, `pekerjaan_id`, `cacat_id`, `status_dasar`, `id_asuransi`): Dukcapil's
    /// lists plus its own codes for resident status and insurance.
    case openSID
    /// Regsosek 2022 (form REGSOSEK2022.K) and the DTSEN extracts built on it (§1.5): SHDK 1–8 (409),
    /// jenjang 1–23 (413/415), keberadaan 1–6 (404), housing 301–310, yes/no as 1 = ya, 2 = tidak.
    case regsosek
    /// Legacy BDT 2015 / DTKS sheets (§1.4): Regsosek-like person codes (`Hub_KRT`, `Sta_kawin`), the
    /// PBDT 2015 housing lists (which differ from Regsosek's, see each housing list), yes/no as 1 = ya, 2 = tidak.
    case bdt
    /// P3KE exports (§1.6): labels, not codes (`Kepala Keluarga`, `YA`/`TIDAK`, BKKBN education bands).
    /// A bare number is read only where every system agrees (sex 1/2, status kawin 1–4, yes/no 1/0, desil 1–10).
    case p3ke
}

/// The result of reading one cell with a vocabulary.
public enum CodeMatch<Value> {
    /// The cell is empty, or holds only a placeholder for nothing (`-`, `NULL`, `#N/A`).
    case blank
    /// The cell names this value.
    case found(Value)
    /// The cell holds something the vocabulary does not know; the trimmed text, for the report.
    case unknown(String)

    /// The value found, `nil` for a blank or an unknown cell.
    public var value: Value? {
        if case .found(let value) = self { return value }
        return nil
    }

    /// The same result with the found value transformed.
    public func map<Other>(_ transform: (Value) -> Other) -> CodeMatch<Other> {
        switch self {
        case .blank: .blank
        case .found(let value): .found(transform(value))
        case .unknown(let text): .unknown(text)
        }
    }
}

extension CodeMatch: Sendable where Value: Sendable {}
extension CodeMatch: Equatable where Value: Equatable {}
extension CodeMatch: Hashable where Value: Hashable {}
