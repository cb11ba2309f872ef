"""A built-in list of common English words (no network, no corpus download)."""

WORDS: tuple[str, ...] = tuple(
    """
    about above across action active actual add address after again against age agree air
    all allow almost alone along already also always amount animal answer any apple area
    around art ask autumn away baby back bad bag ball bank base basket beach bear beautiful
    become bed before begin behind believe bell best better between big bird black blue
    board boat body book both bottle box boy bread break bridge bright bring brother brown
    build business busy buy cake call calm camera can candle capital car card care carry
    case cat catch center chair change cheap check child choose circle city class clean
    clear clock close cloud coast coffee cold colour come common company cook cool copy
    corner could country course cover create cross cup dance dark daughter day dear deep
    desk develop different dinner direct door double down dream dress drink drive early
    earth east easy eat edge energy enjoy enough enter even evening event every example
    face fact fair fall family famous far farm fast father feel few field fill final find
    fine fire first fish floor flower fly follow food foot forest forget form forward free
    fresh friend front fruit full game garden gate gentle gift girl give glass go gold good
    great green ground group grow guide hair half hand happy hard have head health hear
    heart heavy help here high hill history hold holiday home hope horse hot hotel hour
    house idea important inside island join journey just keep key kind king kitchen know
    lake land language large last late laugh learn leave left letter level library light
    like line list listen little live local long look love low lucky machine main make map
    market matter meet memory middle milk mind minute modern moment money month moon
    morning mother mountain move music name nature near never new news next nice night
    north note number ocean offer office often old open orange order other outside page
    paint paper park part party pass past path people perfect person picture place plan
    plant play please pocket point quick quiet rain reach read ready real reason red remember
    rest river road rock room round rule safe sale salt same save school sea season second
    see sell send service seven shape share ship shop short show side sign silver simple
    sing sister sky sleep slow small smile snow soft song soon sound south space special
    spring square stand star start station stay step stone story street strong student
    study summer sun sweet table take talk tea teacher team tell thank think time today
    together tomorrow town train travel tree true turn under university up use valley very
    view village visit voice wait walk wall warm watch water way weather week welcome west
    white wide wild window winter wish wood word work world write yellow young
    """.split()
)
