/// The two-digit Kemendagri codes of Indonesia's 38 provinces, the first two digits of every NIK and KK number.
public enum IndonesianProvince {
    public static let codes: Set<String> = [
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36",
        "51", "52", "53",
        "61", "62", "63", "64", "65",
        "71", "72", "73", "74", "75", "76",
        "81", "82",
        "91", "92", "93", "94", "95", "96",
    ]
}
