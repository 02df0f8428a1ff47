/// Word lists for plausible people and places: Sasak names for Lombok, Samawa and Mbojo names for
/// Sumbawa, the occupation labels of Dukcapil, the main towns of each kabupaten/kota.
/// Every combination is invented; any resemblance to a real person is chance.
enum Vocabulary {
    static let lombokMale = [
        "Muhammad", "Ahmad", "Zainudin", "Sahnan", "Rusdi", "Hasanudin", "Mahsun", "Sapri", "Junaidi", "Amrullah",
        "Saparudin", "Husnul", "Supardi", "Abdul Hadi", "Lukman", "Saefudin", "Munawir", "Rohman", "Samsul", "Zulkifli",
        "Hairul", "Jumadil", "Marzuki", "Sahrul", "Suhaimi", "Wahyudi", "Fathurrahman", "Nasrullah", "Mursal", "Ridwan",
    ]
    static let lombokFemale = [
        "Siti", "Nurul", "Sri", "Rabiah", "Hajrah", "Mahnun", "Sarniwati", "Rohani", "Saodah", "Hasanah",
        "Nurhidayah", "Fatimah", "Rukmini", "Sumiati", "Halimah", "Zuhriah", "Nursaidah", "Mardiah", "Sukmawati", "Inayah",
        "Hikmah", "Nurjannah", "Marlina", "Rosmiati", "Aminah", "Jumrah", "Salmah", "Rahmawati", "Yuliani", "Baiq Nur",
    ]
    static let sumbawaMale = [
        "Muhammad", "Abdul", "Syamsuddin", "Ruslan", "Jufri", "Amiruddin", "Ismail", "Hamzah", "Arifin", "Nasaruddin",
        "Sudirman", "Kamaruddin", "Ikhsan", "Syahrir", "Julkarnain", "Iskandar", "Irwan", "Syafruddin", "Abubakar", "Muhtar",
        "Sahabuddin", "Ilham", "Taufik", "Yusuf", "Haerul", "Darwis", "Anwar", "Salahuddin", "Firdaus", "Rahmat",
    ]
    static let sumbawaFemale = [
        "Nurhayati", "Hadijah", "Siti Aisyah", "Nurmi", "Suryani", "Rukiah", "Jubaedah", "Hasnah", "Ratna", "Sitti",
        "Nurlela", "Maryam", "Sumarni", "Hamidah", "Rahmah", "Salma", "Sartika", "Nurbaya", "Mulyani", "Asma",
        "Syamsiah", "Wahidah", "Nurhasanah", "Fitriani", "Ramlah", "Erna", "Hartati", "Juhriah", "Kartini", "Zainab",
    ]
    static let lombokSecond = ["", "", "", "Hadi", "Wijaya", "Rahman", "Hidayat", "Saputra", "Maulana", "Pratama", "Azhari", "Fauzi"]
    static let sumbawaSecond = ["", "", "", "H. Abdullah", "Ahmad", "M. Saleh", "Yakub", "Idris", "Hasan", "Jafar", "Usman", "Ibrahim"]

    static let occupationsRural = [
        "Petani/Pekebun", "Buruh Tani/Perkebunan", "Peternak", "Nelayan/Perikanan", "Wiraswasta", "Pedagang",
        "Buruh Harian Lepas", "Tukang Bangunan", "Sopir", "Karyawan Swasta", "Pekerja Migran",
    ]
    static let occupationsSecure = ["Pegawai Negeri Sipil", "Guru", "Karyawan Swasta", "Wiraswasta", "Pedagang", "Perawat", "Karyawan BUMN"]

    static let dusunFirst = ["Lendang", "Dasan", "Karang", "Gubuk", "Bagik", "Montong", "Tanjung", "Sukamulia", "Lekong", "Pao", "Bungkate", "Rensing"]
    static let dusunSecond = ["Baru", "Lauk", "Daye", "Bawak", "Atas", "Timuk", "Barat", "Tengak", "Indah", "Jaya", "Makmur", "Asri"]

    /// The main town of each kabupaten/kota (a common birth place besides the kecamatan itself).
    static let regencyTowns: [String: String] = [
        "52.01": "Gerung", "52.02": "Praya", "52.03": "Selong", "52.04": "Sumbawa Besar", "52.05": "Dompu",
        "52.06": "Woha", "52.07": "Taliwang", "52.08": "Tanjung", "52.71": "Mataram", "52.72": "Bima",
    ]
    static let farTowns = ["Denpasar", "Surabaya", "Makassar", "Kupang", "Malang", "Jakarta", "Mataram"]
}
