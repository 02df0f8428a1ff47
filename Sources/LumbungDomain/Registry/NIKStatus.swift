/// Whether a person's NIK (*Nomor Induk Kependudukan*, the 16-digit national identity number)
/// can be trusted as their identity.
///
/// Only a `valid` NIK is used to merge records; people whose NIK is `missing` (blank or a
/// temporary placeholder such as OpenSID's leading-0 number) are kept, flagged for verification,
/// and never merged by guess.
public enum NIKStatus: String, Sendable, Codable, CaseIterable {
    case valid
    case missing

    public var label: String {
        switch self {
        case .valid: "NIK valid"
        case .missing: "NIK belum ada (perlu verifikasi)"
        }
    }
}
