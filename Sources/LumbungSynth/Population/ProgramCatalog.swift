/// The programmes enrolments are generated for, with who runs them and what kind of aid they are.
/// Two enrolments of one family in the same kind from different agencies are duplicated aid.
enum ProgramCatalog {
    struct Program: Sendable, Hashable {
        let code: String
        let name: String
        let agency: String
        /// The kind of aid: `tunai` (cash), `pangan` (food), `kesehatan` (health), `pemberdayaan` (empowerment).
        let kind: String
        /// Whether each member is enrolled (PBI-JK) rather than the family through its head.
        let perPerson: Bool
    }

    static let pkh = Program(code: "PKH", name: "Program Keluarga Harapan", agency: "Kementerian Sosial", kind: "tunai", perPerson: false)
    static let bpnt = Program(code: "BPNT", name: "Program Sembako/BPNT", agency: "Kementerian Sosial", kind: "pangan", perPerson: false)
    static let pbi = Program(code: "PBI-JK", name: "Penerima Bantuan Iuran Jaminan Kesehatan", agency: "Kementerian Sosial/BPJS Kesehatan", kind: "kesehatan", perPerson: true)
    static let bltDD = Program(code: "BLT-DD", name: "BLT Dana Desa", agency: "Pemerintah Desa", kind: "tunai", perPerson: false)
    static let desaBerdaya = Program(code: "DESA-BERDAYA", name: "Stimulan Desa Berdaya", agency: "Pemerintah Provinsi NTB", kind: "pemberdayaan", perPerson: false)
    static let sembakoPemda = Program(code: "SEMBAKO-PEMDA", name: "Bantuan Sembako Pemda", agency: "Dinas Sosial Kabupaten/Kota", kind: "pangan", perPerson: false)
    static let zakat = Program(code: "ZAKAT-PRODUKTIF", name: "Zakat Produktif", agency: "BAZNAS NTB", kind: "pemberdayaan", perPerson: false)
    static let ngoFood = Program(code: "PANGAN-LSM", name: "Paket Pangan Keluarga", agency: "LSM Mitra Sejahtera", kind: "pangan", perPerson: false)

    static let all = [pkh, bpnt, pbi, bltDD, desaBerdaya, sembakoPemda, zakat, ngoFood]
}
