"""Debian bookworm packages that images install on top of ``debian:bookworm-slim``.

Each ``lay_*`` function puts a package's files into a layer :class:`Layout` (attributing them
to the package for its dpkg ``.list``) and returns its :class:`Pkg` records.  The python and
nginx images both install ca-certificates/openssl/libssl3 this way, with identical content.
"""
from __future__ import annotations

import hashlib

from ._build import ML, Layout, lib
from ._dpkg import Pkg, indexed_size

TLS = "Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>"
KRB = "Sam Hartman <hartmans@debian.org>"
SSLV = "3.0.15-1~deb12u1"
KRBV = "1.20.1-2+deb12u2"


def _h(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


def copyright(L: Layout, pkg: str) -> None:
    L.package(pkg)
    L.bulk(f"/usr/share/doc/{pkg}/copyright", 1500 + _h(pkg) % 20000)


def simple_lib(L: Layout, name: str, version: str, real: str, size: int, links: list[str],
               short: str, maintainer: str, source: str | None = None, depends: str = "libc6 (>= 2.34)",
               installed: int | None = None, section: str = "libs",
               priority: str = "optional") -> Pkg:
    L.package(name)
    lib(L, real, size, *links)
    copyright(L, name)
    return Pkg(name, version, "amd64", section, priority, False,
               installed or indexed_size(name, version) or max(16, size * 11 // 10240),
               maintainer, source, "", depends, short,
               short[0].upper() + short[1:] + ".")


# Mozilla CA bundle (ca-certificates 20230311): a representative subset of the 140 roots.
CA_NAMES = """ACCVRAIZ1 AC_RAIZ_FNMT-RCM AC_RAIZ_FNMT-RCM_SERVIDORES_SEGUROS ANF_Secure_Server_Root_CA
Actalis_Authentication_Root_CA AffirmTrust_Commercial AffirmTrust_Networking AffirmTrust_Premium
AffirmTrust_Premium_ECC Amazon_Root_CA_1 Amazon_Root_CA_2 Amazon_Root_CA_3 Amazon_Root_CA_4
Atos_TrustedRoot_2011 Autoridad_de_Certificacion_Firmaprofesional_CIF_A62634068
Baltimore_CyberTrust_Root Buypass_Class_2_Root_CA Buypass_Class_3_Root_CA CA_Disig_Root_R2
CFCA_EV_ROOT COMODO_Certification_Authority COMODO_ECC_Certification_Authority
COMODO_RSA_Certification_Authority Certainly_Root_E1 Certainly_Root_R1 Certigna
Certigna_Root_CA Certum_EC-384_CA Certum_Trusted_Network_CA Certum_Trusted_Network_CA_2
Certum_Trusted_Root_CA Comodo_AAA_Services_root D-TRUST_BR_Root_CA_1_2020
D-TRUST_EV_Root_CA_1_2020 D-TRUST_Root_Class_3_CA_2_2009 DigiCert_Assured_ID_Root_CA
DigiCert_Assured_ID_Root_G2 DigiCert_Assured_ID_Root_G3 DigiCert_Global_Root_CA
DigiCert_Global_Root_G2 DigiCert_Global_Root_G3 DigiCert_High_Assurance_EV_Root_CA
DigiCert_TLS_ECC_P384_Root_G5 DigiCert_TLS_RSA4096_Root_G5 DigiCert_Trusted_Root_G4
Entrust.net_Premium_2048_Secure_Server_CA Entrust_Root_Certification_Authority
Entrust_Root_Certification_Authority_-_EC1 Entrust_Root_Certification_Authority_-_G2
GDCA_TrustAUTH_R5_ROOT GLOBALTRUST_2020 GTS_Root_R1 GTS_Root_R2 GTS_Root_R3 GTS_Root_R4
GlobalSign_ECC_Root_CA_-_R4 GlobalSign_ECC_Root_CA_-_R5 GlobalSign_Root_CA
GlobalSign_Root_CA_-_R3 GlobalSign_Root_CA_-_R6 GlobalSign_Root_E46 GlobalSign_Root_R46
Go_Daddy_Class_2_CA Go_Daddy_Root_Certificate_Authority_-_G2 HARICA_TLS_ECC_Root_CA_2021
HARICA_TLS_RSA_Root_CA_2021 ISRG_Root_X1 ISRG_Root_X2 IdenTrust_Commercial_Root_CA_1
IdenTrust_Public_Sector_Root_CA_1 Microsoft_ECC_Root_Certificate_Authority_2017
Microsoft_RSA_Root_Certificate_Authority_2017 NetLock_Arany_=Class_Gold=_Főtanúsítvány
QuoVadis_Root_CA_1_G3 QuoVadis_Root_CA_2 QuoVadis_Root_CA_2_G3 QuoVadis_Root_CA_3
QuoVadis_Root_CA_3_G3 SSL.com_EV_Root_Certification_Authority_ECC
SSL.com_EV_Root_Certification_Authority_RSA_R2 SSL.com_Root_Certification_Authority_ECC
SSL.com_Root_Certification_Authority_RSA SecureSign_RootCA11 SecureTrust_CA Secure_Global_CA
Security_Communication_RootCA2 Starfield_Class_2_CA Starfield_Root_Certificate_Authority_-_G2
Starfield_Services_Root_Certificate_Authority_-_G2 SwissSign_Gold_CA_-_G2
SwissSign_Silver_CA_-_G2 T-TeleSec_GlobalRoot_Class_2 T-TeleSec_GlobalRoot_Class_3
TWCA_Global_Root_CA TWCA_Root_Certification_Authority TeliaSonera_Root_CA_v1
Telia_Root_CA_v2 TrustCor_ECA-1 TrustCor_RootCert_CA-1 TrustCor_RootCert_CA-2
Trustwave_Global_Certification_Authority Trustwave_Global_ECC_P256_Certification_Authority
Trustwave_Global_ECC_P384_Certification_Authority TunTrust_Root_CA UCA_Extended_Validation_Root
UCA_Global_G2_Root USERTrust_ECC_Certification_Authority USERTrust_RSA_Certification_Authority
XRamp_Global_CA certSIGN_ROOT_CA certSIGN_Root_CA_G2 e-Szigno_Root_CA_2017
ePKI_Root_Certification_Authority emSign_ECC_Root_CA_-_C3 emSign_ECC_Root_CA_-_G3
emSign_Root_CA_-_C1 emSign_Root_CA_-_G1 vTrus_ECC_Root_CA vTrus_Root_CA""".split()


def lay_openssl(L: Layout) -> list[Pkg]:
    """libssl3 + openssl + ca-certificates, as ``apt-get install ca-certificates`` leaves them
    (update-ca-certificates has generated /etc/ssl/certs)."""
    pkgs = []
    L.package("libssl3")
    lib(L, "libssl.so.3", 699808)
    lib(L, "libcrypto.so.3", 4709656)
    for eng, size in (("afalg.so", 22440), ("loader_attic.so", 63832), ("padlock.so", 14376)):
        L.blob(f"{ML}/engines-3/{eng}", size, mode=0o644)
    L.blob(f"{ML}/ossl-modules/legacy.so", 145088, mode=0o644)
    copyright(L, "libssl3")
    pkgs.append(Pkg("libssl3", SSLV, "amd64", "libs", "optional", False, None, TLS, "openssl",
                    "", "libc6 (>= 2.34)", "Secure Sockets Layer toolkit - shared libraries",
                    "This package is part of the OpenSSL project's implementation of the SSL\n"
                    "and TLS cryptographic protocols for secure communication over the\n"
                    "Internet.\n\nIt provides the libssl and libcrypto shared libraries.",
                    extra={"Homepage": "https://www.openssl.org/"}))
    L.package("openssl")
    L.blob("/usr/bin/openssl", 1031768)
    L.blob("/usr/bin/c_rehash", 6895)
    L.bulk("/etc/ssl/openssl.cnf", 12332)
    L.dir("/etc/ssl/private", 0o700)
    for name, size in (("CA.pl", 8062), ("tsget.pl", 6743)):
        L.blob(f"/usr/lib/ssl/misc/{name}", size)
    L.link("tsget.pl", "/usr/lib/ssl/misc/tsget")
    L.link("/etc/ssl/certs", "/usr/lib/ssl/certs")
    L.link("/etc/ssl/openssl.cnf", "/usr/lib/ssl/openssl.cnf")
    L.link("/etc/ssl/private", "/usr/lib/ssl/private")
    copyright(L, "openssl")
    pkgs.append(Pkg("openssl", SSLV, "amd64", "utils", "optional", False, None, TLS, None, "",
                    "libc6 (>= 2.34), libssl3 (>= 3.0.9)",
                    "Secure Sockets Layer toolkit - cryptographic utility",
                    "This package is part of the OpenSSL project's implementation of the SSL\n"
                    "and TLS cryptographic protocols for secure communication over the\n"
                    "Internet.\n\nIt contains the general-purpose command line binary /usr/bin/openssl,\n"
                    "useful for cryptographic operations.",
                    extra={"Homepage": "https://www.openssl.org/"}))
    L.package("ca-certificates")
    L.blob("/usr/sbin/update-ca-certificates", 5958)
    L.dir("/etc/ca-certificates/update.d")
    L.dir("/usr/local/share/ca-certificates", 0o755, 0, 50)
    conf = ["# This file lists certificates that you wish to use or to ignore to be",
            "# installed in /etc/ssl/certs.",
            "# update-ca-certificates(8) will update /etc/ssl/certs by reading this file.",
            "#", "# This is autogenerated by dpkg-reconfigure ca-certificates.",
            "# Certificates should be installed under /usr/share/ca-certificates",
            "# and files with extension '.crt' is recognized as available certificate.",
            "#", "# line begins with # is comment.",
            "# line begins with ! is certificate filename to be deselected.", "#"]
    for name in CA_NAMES:
        crt = f"/usr/share/ca-certificates/mozilla/{name}.crt"
        L.bulk(crt, 1300 + _h(name) % 1100)
        conf.append(f"mozilla/{name}.crt")
    L.package(None)
    L.text("/etc/ca-certificates.conf", "\n".join(conf) + "\n")
    for name in CA_NAMES:
        L.link(f"/usr/share/ca-certificates/mozilla/{name}.crt", f"/etc/ssl/certs/{name}.pem")
        L.link(f"{name}.pem", f"/etc/ssl/certs/{_h('hash' + name):08x}.0")
    L.bulk("/etc/ssl/certs/ca-certificates.crt", 219600)
    copyright(L, "ca-certificates")
    pkgs.append(Pkg("ca-certificates", "20230311", "all", "misc", "optional", False, None,
                    "Julien Cristau <jcristau@debian.org>", None, "",
                    "openssl (>= 1.1.1), debconf (>= 0.5) | debconf-2.0",
                    "Common CA certificates",
                    "Contains the certificate authorities shipped with Mozilla's browser to allow\n"
                    "SSL-based applications to check for the authenticity of SSL connections."))
    return pkgs


def lay_netbase(L: Layout) -> list[Pkg]:
    from .alpine import PROTOCOLS, SERVICES
    L.package("netbase")
    L.text("/etc/protocols", PROTOCOLS)
    L.text("/etc/services", SERVICES)
    L.text("/etc/rpc", "# This file contains user readable names that can be used in place "
           "of rpc\n# program numbers.\n\nportmapper\t100000\tportmap sunrpc rpcbind\nrstatd\t"
           "\t100001\trstat rup perfmeter rstat_svc\nrusersd\t\t100002\trusers\nnfs\t\t100003"
           "\tnfsprog\nypserv\t\t100004\typrog\nmountd\t\t100005\tmount showmount\nypbind\t\t"
           "100007\nwalld\t\t100008\trwall shutdown\nyppasswdd\t100009\typpasswd\netherstatd\t"
           "100010\tetherstat\nrquotad\t\t100011\trquotaprog quota rquota\nsprayd\t\t100012\t"
           "spray\n3270_mapper\t100013\nrje_mapper\t100014\nselection_svc\t100015\tselnsvc\n"
           "database_svc\t100016\nrexd\t\t100017\trex\nalis\t\t100018\nsched\t\t100019\n"
           "llockmgr\t100020\nnlockmgr\t100021\nx25.inr\t\t100022\nstatmon\t\t100023\nstatus\t"
           "\t100024\nbootparam\t100026\nypupdated\t100028\typupdate\nkeyserv\t\t100029\t"
           "keyserver\nsunlink_mapper\t100033\ntfsd\t\t100037\nnsed\t\t100038\nnsemntd\t\t"
           "100039\nshowfhd\t\t100043\tshowfh\nioadmd\t\t100055\trpc.ioadmd\nNETlicense\t"
           "100062\nsunisamd\t100065\ndebug_svc\t100066  dbsrv\nypxfrd\t\t100069  rpc.ypxfrd\n"
           "bugtraqd\t100071\nkerbd\t\t100078\nevent\t\t100101\tna.event\nlogger\t\t100102\t"
           "na.logger\nsync\t\t100104\tna.sync\nhostperf\t100107\tna.hostperf\nactivity\t"
           "100109\tna.activity\nhostmem\t\t100112\tna.hostmem\nsample\t\t100113\tna.sample\n"
           "x25\t\t100114\tna.x25\nping\t\t100115\tna.ping\nrpcnfs\t\t100116\tna.rpcnfs\n"
           "hostif\t\t100117\tna.hostif\netherif\t\t100118\tna.etherif\niproutes\t100120\t"
           "na.iproutes\nlayers\t\t100121\tna.layers\nsnmp\t\t100122\tna.snmp snmp-cmc "
           "snmp-synoptics snmp-unisys snmp-utk\ntraffic\t\t100123\tna.traffic\nnfs_acl\t\t"
           "100227\nsadmind\t\t100232\nnisd\t\t100300\trpc.nisd\nnispasswd\t100303\t"
           "rpc.nispasswdd\nufsd\t\t100233\tufsd\nfedfs_admin\t100418\npcnfsd\t\t150001\t"
           "pcnfs\namd\t\t300019\tamq\nbwnfsd\t\t545580417\nfypxfrd\t\t600100069 freebsd-ypxfrd"
           "\n")
    L.text("/etc/ethertypes", "#\n# Ethernet frame types\n#\t\tThis file describes some of "
           "the various Ethernet\n#\t\tprotocol types that are used on Ethernet networks.\n#\n"
           "# This list could be found on:\n#         http://www.iana.org/assignments/ethernet-"
           "numbers\n#         http://www.iana.org/assignments/ieee-802-numbers\n#\n# "
           "<name>    <hexnumber> <alias1>...<alias35> #Comment\n#\nIPv4\t \t0800  \tip ip4 \t"
           "# Internet IP (IPv4)\nX25\t\t0805\nARP\t\t0806\tether-arp\t#\nFR_ARP\t\t0808    "
           "\t\t\t# Frame Relay ARP        [RFC1701]\nBPQ\t\t08FF\t\t\t\t# G8BPQ AX.25 Ethernet "
           "Packet\nDEC\t\t6000\t\t\t\t# DEC Assigned proto\nDNA_DL\t\t6001\t\t\t\t# DEC DNA "
           "Dump/Load\nDNA_RC\t\t6002\t\t\t\t# DEC DNA Remote Console\nDNA_RT\t\t6003\t\t\t\t"
           "# DEC DNA Routing\nLAT\t\t6004\t\t\t\t# DEC LAT\nDIAG\t\t6005\t\t\t\t# DEC "
           "Diagnostics\nCUST\t\t6006\t\t\t\t# DEC Customer use\nSCA\t\t6007\t\t\t\t# DEC "
           "Systems Comms Arch\nTEB\t\t6558             \t\t# Trans Ether Bridging   [RFC1701]\n"
           "RAW_FR  \t6559             \t\t# Raw Frame Relay       [RFC1701]\nRARP\t\t8035\t"
           "\t\t\t# Reverse ARP            [RFC903]\nAARP\t\t80F3\t\t\t\t# Appletalk AARP\n"
           "ATALK\t\t809B\t\t\t\t# Appletalk\n802_1Q\t\t8100\t8021q 1q 802.1q dot1q # 802.1Q "
           "Virtual LAN tagged frame\nIPX\t\t8137\t\t\t\t# Novell IPX\nNetBEUI\t\t8191\t\t\t\t"
           "# NetBEUI\nIPv6\t\t86DD\tip6 \t\t\t# IP version 6\nPPP\t\t880B\t\t\t\t# PPP\nATMMPOA"
           "\t\t884C\t\t\t\t# MultiProtocol over ATM\nPPP_DISC\t8863\t\t\t\t# PPPoE discovery "
           "messages\nPPP_SES\t\t8864\t\t\t\t# PPPoE session messages\nATMFATE\t\t8884\t\t\t\t"
           "# Frame-based ATM Transport over Ethernet\nLOOP\t\t9000\tloopback \t\t# loop proto\n")
    copyright(L, "netbase")
    return [Pkg("netbase", "6.4", "all", "admin", "important", False, 41,
                "Marco d'Itri <md@linux.it>", None, "", "", "Basic TCP/IP networking system",
                "This package provides the necessary infrastructure for basic TCP/IP based\n"
                "networking.\n\nIn particular, it supplies common name-to-number mappings in "
                "/etc/services,\n/etc/rpc, /etc/protocols and /etc/ethertypes.",
                multiarch="foreign")]


ZONES = """Africa/Abidjan Africa/Accra Africa/Addis_Ababa Africa/Algiers Africa/Cairo
Africa/Casablanca Africa/Johannesburg Africa/Lagos Africa/Nairobi Africa/Tunis
America/Anchorage America/Argentina/Buenos_Aires America/Bogota America/Caracas
America/Chicago America/Denver America/Edmonton America/Halifax America/Havana
America/Lima America/Los_Angeles America/Mexico_City America/Montevideo America/New_York
America/Panama America/Phoenix America/Santiago America/Sao_Paulo America/St_Johns
America/Toronto America/Vancouver America/Winnipeg Antarctica/McMurdo Antarctica/Troll
Asia/Almaty Asia/Baghdad Asia/Bangkok Asia/Beirut Asia/Colombo Asia/Dhaka Asia/Dubai
Asia/Ho_Chi_Minh Asia/Hong_Kong Asia/Jakarta Asia/Jerusalem Asia/Kabul Asia/Karachi
Asia/Kathmandu Asia/Kolkata Asia/Kuala_Lumpur Asia/Manila Asia/Riyadh Asia/Seoul
Asia/Shanghai Asia/Singapore Asia/Taipei Asia/Tashkent Asia/Tehran Asia/Tokyo Asia/Yangon
Asia/Yerevan Atlantic/Azores Atlantic/Canary Atlantic/Reykjavik Australia/Adelaide
Australia/Brisbane Australia/Darwin Australia/Melbourne Australia/Perth Australia/Sydney
Europe/Amsterdam Europe/Athens Europe/Belgrade Europe/Berlin Europe/Brussels
Europe/Bucharest Europe/Budapest Europe/Copenhagen Europe/Dublin Europe/Helsinki
Europe/Istanbul Europe/Kyiv Europe/Lisbon Europe/London Europe/Madrid Europe/Moscow
Europe/Oslo Europe/Paris Europe/Prague Europe/Rome Europe/Stockholm Europe/Vienna
Europe/Warsaw Europe/Zurich Indian/Maldives Indian/Mauritius Pacific/Auckland Pacific/Fiji
Pacific/Guam Pacific/Honolulu Pacific/Tahiti Etc/GMT Etc/GMT+1 Etc/GMT+2 Etc/GMT+5
Etc/GMT+8 Etc/GMT-1 Etc/GMT-2 Etc/GMT-8 Etc/GMT-10 CET CST6CDT EET EST EST5EDT HST MET
MST MST7MDT PST8PDT WET""".split()
ZONE_LINKS = {"Etc/UTC": None, "Etc/UCT": "UTC", "Etc/Universal": "UTC", "Etc/Zulu": "UTC",
              "UTC": "Etc/UTC", "UCT": "Etc/UTC", "Universal": "Etc/UTC", "Zulu": "Etc/UTC",
              "GMT": "Etc/GMT", "Etc/Greenwich": "GMT", "Greenwich": "Etc/GMT",
              "US/Eastern": "../America/New_York", "US/Pacific": "../America/Los_Angeles",
              "US/Central": "../America/Chicago", "Asia/Calcutta": "Kolkata",
              "Europe/Kiev": "Kyiv", "Japan": "Asia/Tokyo", "Singapore": "Asia/Singapore",
              "posix": ".", "localtime": "/etc/localtime"}


def lay_tzdata(L: Layout, version: str = "2024b-0+deb12u1") -> list[Pkg]:
    from .busybox import tzif_utc
    L.package("tzdata")
    zi = "/usr/share/zoneinfo"
    for zone in ZONES:
        L.bulk(f"{zi}/{zone}", 1100 + _h(zone) % 2400)
    L.text(f"{zi}/Etc/UTC", tzif_utc())
    for link, target in ZONE_LINKS.items():
        if target is not None:
            L.link(target, f"{zi}/{link}")
    for zone in ZONES[:40]:
        L.bulk(f"{zi}/right/{zone}", 1650 + _h(zone) % 2400)
    for name, size in (("iso3166.tab", 4791), ("leap-seconds.list", 4897), ("leapseconds", 3362),
                       ("tzdata.zi", 108390), ("zone.tab", 18855), ("zone1970.tab", 17597),
                       ("zonenow.tab", 8484)):
        L.bulk(f"{zi}/{name}", size)
    copyright(L, "tzdata")
    L.package(None)
    L.text("/etc/timezone", "Etc/UTC\n")
    return [Pkg("tzdata", version, "all", "localization", "required", False, None,
                "GNU Libc Maintainers <debian-glibc@lists.debian.org>", None, "",
                "debconf (>= 0.5) | debconf-2.0", "time zone and daylight-saving time data",
                "This package contains data required for the implementation of\n"
                "standard local time for many representative locations around the\n"
                "globe. It is updated periodically to reflect changes made by\n"
                "political bodies to time zone boundaries, UTC offsets, and\n"
                "daylight-saving rules.", multiarch="foreign",
                extra={"Homepage": "https://www.iana.org/time-zones", "Provides": "tzdata-bookworm"})]


def lay_krb5(L: Layout) -> list[Pkg]:
    """The Kerberos/GSSAPI runtime (pulled by libtirpc3 for Python's nis module, by libcurl4)."""
    return [
        simple_lib(L, "libkrb5support0", KRBV, "libkrb5support.so.0.1", 47032,
                   ["libkrb5support.so.0"], "MIT Kerberos runtime libraries - Support library",
                   KRB, "krb5"),
        simple_lib(L, "libk5crypto3", KRBV, "libk5crypto.so.3.1", 191144, ["libk5crypto.so.3"],
                   "MIT Kerberos runtime libraries - Crypto Library", KRB, "krb5",
                   "libc6 (>= 2.33), libkrb5support0 (>= 1.20)"),
        simple_lib(L, "libkeyutils1", "1.6.3-2", "libkeyutils.so.1.10", 22600,
                   ["libkeyutils.so.1"], "Linux Key Management Utilities (library)",
                   "Christian Kastner <ckk@debian.org>", "keyutils"),
        simple_lib(L, "libkrb5-3", KRBV, "libkrb5.so.3.3", 827936, ["libkrb5.so.3"],
                   "MIT Kerberos runtime libraries", KRB, "krb5",
                   "libc6 (>= 2.34), libcom-err2 (>= 1.43.9), libk5crypto3 (>= 1.20), "
                   "libkeyutils1 (>= 1.5.9), libkrb5support0 (= " + KRBV + "), libssl3 (>= 3.0.0)"),
        simple_lib(L, "libgssapi-krb5-2", KRBV, "libgssapi_krb5.so.2.2", 338264,
                   ["libgssapi_krb5.so.2"], "MIT Kerberos runtime libraries - krb5 GSS-API Mechanism",
                   KRB, "krb5", "libc6 (>= 2.33), libcom-err2 (>= 1.43.9), libk5crypto3 (>= 1.20), "
                   "libkrb5-3 (= " + KRBV + "), libkrb5support0 (>= 1.15~beta1)"),
    ]


def apt_logs(L: Layout, installed: list[str], command: str,
             debconf: list[tuple[str, str, str]] = ()) -> None:
    """What an ``apt-get install`` leaves behind once the lists are removed: logs, apt's
    auto-installed marks, the rebuilt ld.so cache and debconf databases."""
    import datetime as _dt
    from .debian import slim_state
    when = _dt.datetime.fromtimestamp(L.mtime, _dt.timezone.utc).strftime("%Y-%m-%d  %H:%M:%S")
    L.package(None)
    L.dir("/var/lib/apt/lists")
    L.bulk("/var/log/apt/eipp.log.xz", 20000)
    L.text("/var/log/apt/history.log", f"\nStart-Date: {when}\nCommandline: {command}\n"
           "Install: " + ", ".join(f"{p}:amd64 ({v})" for p, v in installed) +
           f"\nEnd-Date: {when}\n")
    L.bulk("/var/log/apt/term.log", 3000 + 900 * len(installed), mode=0o640, gid=4)
    L.bulk("/var/log/dpkg.log", 2000 + 1300 * len(installed))
    L.text("/var/lib/apt/extended_states", "".join(
        f"Package: {p}\nArchitecture: amd64\nAuto-Installed: 1\n\n" for p, _ in installed[1:]))
    L.blob("/etc/ld.so.cache", 12264 + 350 * len(installed), mode=0o644)
    L.bulk("/var/cache/ldconfig/aux-cache", 8000, mode=0o600)
    L.fs.chmod("/var/cache/ldconfig", 0o700)
    L.bulk("/var/cache/debconf/templates.dat", 1200000)
    L.bulk("/var/cache/debconf/templates.dat-old", 1150000)
    base = slim_state()["debconf_config"]
    extra = "".join(f"Name: {n}\nTemplate: {n}\n" + (f"Value: {v}\n" if v else "") +
                    f"Owners: {o}\n" + ("Flags: seen\n" if v else "") + "\n"
                    for n, v, o in debconf)
    L.text("/var/cache/debconf/config.dat", base + extra)
    L.text("/var/cache/debconf/config.dat-old", base)
