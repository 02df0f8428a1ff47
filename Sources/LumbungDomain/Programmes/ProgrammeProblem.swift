import Foundation

/// Why a programme, an organisation or a change to one cannot be saved: each with its message in Bahasa
/// Indonesia (forms, API, import reports) and in English (the command line).
public enum ProgrammeProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case codeInvalid(String)
    case codeTaken(String)
    case nameMissing
    case nameTooLong(maximum: Int)
    case organisationMissing
    case organisationUnknown(String)
    case organisationNameMissing
    case organisationNameTooLong(maximum: Int)
    case organisationNameTaken(String)
    case sectorMissing
    case sectorUnknown(String)
    case unitUnknown(String)
    case endsBeforeStart(start: CalendarDate, end: CalendarDate)
    case closedBeforeStart(start: CalendarDate, closedOn: CalendarDate)
    case alreadyClosed(String)
    case negativeBudget
    case regionMissing
    case regionUnknown(String)
    case desilOutOfRange(Int)
    case textTooLong(maximum: Int)
    case programmeUnknown(String)
    case dateUnreadable(field: String, text: String)
    case budgetUnreadable(String)
    case organisationKindUnknown(String)
    /// The organisation is closed: it gets no new programmes.
    case organisationClosed(String)
    case organisationAlreadyClosed(String)

    /// The form field the problem belongs to, for showing it beside the field.
    public var field: String {
        switch self {
        case .codeInvalid, .codeTaken: "kode"
        case .nameMissing, .nameTooLong: "nama"
        case .organisationMissing, .organisationUnknown, .organisationNameMissing, .organisationNameTooLong, .organisationNameTaken,
             .organisationClosed: "organisasi"
        case .organisationAlreadyClosed: "tanggal"
        case .sectorMissing, .sectorUnknown: "sektor"
        case .unitUnknown: "sasaran"
        case .endsBeforeStart, .closedBeforeStart, .alreadyClosed: "periode"
        case .negativeBudget: "anggaran"
        case .regionMissing, .regionUnknown: "wilayah"
        case .desilOutOfRange: "desil"
        case .textTooLong: "keterangan"
        case .programmeUnknown: "program"
        case .dateUnreadable(let field, _): field
        case .budgetUnreadable: "anggaran"
        case .organisationKindUnknown: "jenis"
        }
    }

    public var indonesianDescription: String {
        switch self {
        case .codeInvalid(let text): "Kode program '\(text)' tidak sah: pakai 2–\(ProgrammeCode.maximumLength) huruf, angka, '-' atau '_' (mis. PKH, SEMBAKO-PEMDA)."
        case .codeTaken(let code): "Kode program \(code) sudah dipakai program lain."
        case .nameMissing: "Nama program wajib diisi."
        case .nameTooLong(let maximum): "Nama terlalu panjang: paling banyak \(maximum) karakter."
        case .organisationMissing: "Pilih organisasi pelaksana program."
        case .organisationUnknown(let name): "Organisasi '\(name)' belum terdaftar: daftarkan dulu di Organisasi."
        case .organisationNameMissing: "Nama organisasi wajib diisi."
        case .organisationNameTooLong(let maximum): "Nama organisasi terlalu panjang: paling banyak \(maximum) karakter."
        case .organisationNameTaken(let name): "Organisasi bernama '\(name)' sudah terdaftar."
        case .sectorMissing: "Pilih sedikitnya satu sektor (tunai, pangan, kesehatan, …)."
        case .sectorUnknown(let text): "Sektor '\(text)' tidak dikenal: pilih dari \(Sector.choices)."
        case .unitUnknown(let text): "Sasaran '\(text)' tidak dikenal: pilih individu atau keluarga."
        case .endsBeforeStart(let start, let end): "Tanggal selesai (\(end)) lebih awal daripada tanggal mulai (\(start))."
        case .closedBeforeStart(let start, let closedOn): "Tanggal penutupan (\(closedOn)) lebih awal daripada tanggal mulai (\(start))."
        case .alreadyClosed(let code): "Program \(code) sudah ditutup."
        case .negativeBudget: "Anggaran tidak boleh negatif."
        case .regionMissing: "Pilih sedikitnya satu wilayah sasaran."
        case .regionUnknown(let text): "Wilayah sasaran '\(text)' tidak ada di pohon wilayah NTB."
        case .desilOutOfRange(let desil): "Batas desil \(desil) tidak sah: desil 1 sampai 10."
        case .textTooLong(let maximum): "Keterangan terlalu panjang: paling banyak \(maximum) karakter."
        case .programmeUnknown(let code): "Program \(code) tidak terdaftar."
        case .dateUnreadable(_, let text): "'\(text.prefix(40))' bukan tanggal: tulis yyyy-mm-dd, mis. 2025-01-31."
        case .organisationKindUnknown(let text): "Jenis organisasi '\(text.prefix(30))' tidak dikenal: pilih dari \(OrganisationKind.choices)."
        case .budgetUnreadable(let text): "Anggaran '\(text.prefix(40))' bukan angka rupiah: tulis angka saja, mis. 150000000."
        case .organisationClosed(let name): "Organisasi '\(name)' sudah ditutup: tidak dapat menerima program baru."
        case .organisationAlreadyClosed(let name): "Organisasi '\(name)' sudah ditutup."
        }
    }

    public var description: String {
        switch self {
        case .codeInvalid(let text): "'\(text)' is no programme code: use 2–\(ProgrammeCode.maximumLength) letters, digits, '-' or '_' (e.g. PKH, SEMBAKO-PEMDA)."
        case .codeTaken(let code): "the programme code \(code) is taken by another programme."
        case .nameMissing: "the programme needs a name."
        case .nameTooLong(let maximum): "the name is longer than \(maximum) characters."
        case .organisationMissing: "the programme needs an organisation."
        case .organisationUnknown(let name): "no organisation '\(name)' is registered: add it with `lumbung organisation add`."
        case .organisationNameMissing: "the organisation needs a name."
        case .organisationNameTooLong(let maximum): "the organisation's name is longer than \(maximum) characters."
        case .organisationNameTaken(let name): "an organisation called '\(name)' is already registered."
        case .sectorMissing: "give at least one sector (\(Sector.choices))."
        case .sectorUnknown(let text): "'\(text)' is no sector: use \(Sector.choices)."
        case .unitUnknown(let text): "'\(text)' is no target unit: use individu (person) or keluarga (family)."
        case .endsBeforeStart(let start, let end): "the programme ends (\(end)) before it starts (\(start))."
        case .closedBeforeStart(let start, let closedOn): "the closing date (\(closedOn)) is before the start (\(start))."
        case .alreadyClosed(let code): "the programme \(code) is already closed."
        case .negativeBudget: "the budget cannot be negative."
        case .regionMissing: "give at least one target region."
        case .regionUnknown(let text): "'\(text)' is no region of the NTB tree."
        case .desilOutOfRange(let desil): "desil \(desil) is out of range: 1 to 10."
        case .textTooLong(let maximum): "a text is longer than \(maximum) characters."
        case .programmeUnknown(let code): "no programme \(code) is registered."
        case .dateUnreadable(let field, let text): "\(field) '\(text.prefix(40))' is not a date: write yyyy-mm-dd."
        case .organisationKindUnknown(let text): "'\(text.prefix(30))' is no organisation kind: use \(OrganisationKind.choices)."
        case .budgetUnreadable(let text): "the budget '\(text.prefix(40))' is not a whole number of rupiah."
        case .organisationClosed(let name): "the organisation '\(name)' is closed and gets no new programmes."
        case .organisationAlreadyClosed(let name): "the organisation '\(name)' is already closed."
        }
    }
}
