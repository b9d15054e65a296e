/* numbers.c: numerals, number words and the recognizers' shared lexicon (see numbers.h).
 *
 * The lexicon is a static table of facts about English words (which words are months, units of
 * time, currency names, ...). Currency codes are ISO 4217 codes, compiled by hand as facts; they
 * agree with Debian's iso-codes list (iso_4217.json). Lookup folds the case of at most 15 ASCII
 * bytes of a word into a 128-bit key and probes an open-addressing index built once per process
 * under pthread_once; nothing is allocated per call. */
#include "numbers.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- the lexicon */

#define NUM(w, v) {w, BL_LX_NUM, v, 0, ""}
#define SCALE(w, v) {w, BL_LX_SCALE, v, 0, ""}
#define ORD(w, v) {w, BL_LX_ORD, v, 0, ""}
#define MONTH(w, m) {w, BL_LX_MONTH, 0, m, ""}
#define WDAY(w, d) {w, BL_LX_WDAY, 0, d, ""}
#define TUNIT(w, u, pl) {w, BL_LX_TUNIT, pl, u, ""}
#define CLS(w, c, sub) {w, c, 0, sub, ""}
#define CCY(w, code) {w, BL_LX_CCY, 0, 0, code}
#define CCYADJ(w, code) {w, BL_LX_CCYADJ, 0, 0, code}
#define CODE(w, code) {w, BL_LX_CODE, 0, 0, code}

static const BlLex bl_lex__table[] = {
    /* cardinal numbers */
    NUM("zero", 0), NUM("one", 1), NUM("two", 2), NUM("three", 3), NUM("four", 4), NUM("five", 5),
    NUM("six", 6), NUM("seven", 7), NUM("eight", 8), NUM("nine", 9), NUM("ten", 10), NUM("eleven", 11),
    NUM("twelve", 12), NUM("thirteen", 13), NUM("fourteen", 14), NUM("fifteen", 15), NUM("sixteen", 16),
    NUM("seventeen", 17), NUM("eighteen", 18), NUM("nineteen", 19), NUM("twenty", 20), NUM("thirty", 30),
    NUM("forty", 40), NUM("fifty", 50), NUM("sixty", 60), NUM("seventy", 70), NUM("eighty", 80),
    NUM("ninety", 90),
    /* scales */
    SCALE("hundred", 100), SCALE("thousand", 1e3), SCALE("million", 1e6), SCALE("billion", 1e9),
    SCALE("trillion", 1e12), SCALE("dozen", 12), SCALE("lakh", 1e5), SCALE("lakhs", 1e5),
    SCALE("crore", 1e7), SCALE("crores", 1e7), SCALE("bn", 1e9), SCALE("mn", 1e6), SCALE("mln", 1e6),
    SCALE("tn", 1e12), SCALE("trn", 1e12),
    /* ordinals ("second" is also a unit of time, below) */
    ORD("first", 1), {"second", BL_LX_ORD | BL_LX_TUNIT, 2, BL_TU_SECOND, ""}, ORD("third", 3),
    ORD("fourth", 4), ORD("fifth", 5), ORD("sixth", 6), ORD("seventh", 7), ORD("eighth", 8), ORD("ninth", 9),
    ORD("tenth", 10), ORD("eleventh", 11), ORD("twelfth", 12), ORD("thirteenth", 13), ORD("fourteenth", 14),
    ORD("fifteenth", 15), ORD("sixteenth", 16), ORD("seventeenth", 17), ORD("eighteenth", 18),
    ORD("nineteenth", 19), ORD("twentieth", 20), ORD("thirtieth", 30),
    /* months */
    MONTH("january", 1), MONTH("february", 2), MONTH("march", 3), MONTH("april", 4), MONTH("may", 5),
    MONTH("june", 6), MONTH("july", 7), MONTH("august", 8), MONTH("september", 9), MONTH("october", 10),
    MONTH("november", 11), MONTH("december", 12), MONTH("jan", 1), MONTH("feb", 2), MONTH("mar", 3),
    MONTH("apr", 4), MONTH("jun", 6), MONTH("jul", 7), MONTH("aug", 8), MONTH("sep", 9), MONTH("sept", 9),
    MONTH("oct", 10), MONTH("nov", 11), MONTH("dec", 12),
    /* weekdays */
    WDAY("monday", 1), WDAY("tuesday", 2), WDAY("wednesday", 3), WDAY("thursday", 4), WDAY("friday", 5),
    WDAY("saturday", 6), WDAY("sunday", 7),
    /* units of time */
    TUNIT("seconds", BL_TU_SECOND, 2), TUNIT("minute", BL_TU_MINUTE, 1), TUNIT("minutes", BL_TU_MINUTE, 2),
    TUNIT("hour", BL_TU_HOUR, 1), TUNIT("hours", BL_TU_HOUR, 2), TUNIT("day", BL_TU_DAY, 1),
    TUNIT("days", BL_TU_DAY, 2), TUNIT("week", BL_TU_WEEK, 1), TUNIT("weeks", BL_TU_WEEK, 2),
    TUNIT("fortnight", BL_TU_FORTNIGHT, 1), TUNIT("fortnights", BL_TU_FORTNIGHT, 2),
    TUNIT("month", BL_TU_MONTH, 1), TUNIT("months", BL_TU_MONTH, 2), TUNIT("quarter", BL_TU_QUARTER, 1),
    TUNIT("quarters", BL_TU_QUARTER, 2), TUNIT("year", BL_TU_YEAR, 1), TUNIT("years", BL_TU_YEAR, 2),
    TUNIT("decade", BL_TU_DECADE, 1), TUNIT("decades", BL_TU_DECADE, 2), TUNIT("century", BL_TU_CENTURY, 1),
    TUNIT("centuries", BL_TU_CENTURY, 2), TUNIT("millennium", BL_TU_MILLENNIUM, 1),
    TUNIT("millennia", BL_TU_MILLENNIUM, 2), TUNIT("weekend", BL_TU_WEEKEND, 1),
    TUNIT("weekends", BL_TU_WEEKEND, 2),
    /* seasons */
    CLS("spring", BL_LX_SEASON, 1), CLS("summer", BL_LX_SEASON, 2), CLS("fall", BL_LX_SEASON, 3),
    CLS("autumn", BL_LX_SEASON, 3), CLS("winter", BL_LX_SEASON, 4),
    /* days relative to the article */
    CLS("today", BL_LX_DAYREF, BL_DR_TODAY), CLS("yesterday", BL_LX_DAYREF, BL_DR_YESTERDAY),
    CLS("tomorrow", BL_LX_DAYREF, BL_DR_TOMORROW), CLS("tonight", BL_LX_DAYREF, BL_DR_TONIGHT),
    /* parts of the day */
    CLS("morning", BL_LX_PARTDAY, BL_PD_MORNING), CLS("afternoon", BL_LX_PARTDAY, BL_PD_AFTERNOON),
    CLS("evening", BL_LX_PARTDAY, BL_PD_EVENING), CLS("night", BL_LX_PARTDAY, BL_PD_NIGHT),
    CLS("noon", BL_LX_PARTDAY, BL_PD_NOON), CLS("midnight", BL_LX_PARTDAY, BL_PD_MIDNIGHT),
    /* relative determiners */
    CLS("last", BL_LX_REL, BL_REL_LAST), CLS("next", BL_LX_REL | BL_LX_FUTURE, BL_REL_NEXT),
    CLS("this", BL_LX_REL | BL_LX_FUNC, BL_REL_THIS), CLS("past", BL_LX_REL, BL_REL_PAST),
    CLS("coming", BL_LX_REL | BL_LX_FUTURE, BL_REL_COMING), CLS("upcoming", BL_LX_REL | BL_LX_FUTURE, BL_REL_COMING),
    CLS("previous", BL_LX_REL, BL_REL_PREVIOUS), CLS("following", BL_LX_REL, BL_REL_FOLLOWING),
    /* modifiers */
    CLS("early", BL_LX_MOD, BL_MOD_EARLY), CLS("late", BL_LX_MOD, BL_MOD_LATE), CLS("mid", BL_LX_MOD, BL_MOD_MID),
    CLS("earlier", BL_LX_MOD, BL_MOD_EARLIER), CLS("later", BL_LX_MOD, BL_MOD_LATER),
    /* approximators (multi-word ones are completed by the recognizers) */
    CLS("about", BL_LX_APPROX | BL_LX_FUNC, 0), CLS("around", BL_LX_APPROX | BL_LX_FUNC, 0),
    CLS("approximately", BL_LX_APPROX, 0), CLS("approx", BL_LX_APPROX, 0), CLS("nearly", BL_LX_APPROX, 0),
    CLS("almost", BL_LX_APPROX, 0), CLS("roughly", BL_LX_APPROX, 0), CLS("some", BL_LX_APPROX | BL_LX_FUNC, 0),
    CLS("over", BL_LX_APPROX | BL_LX_FUNC, 0), CLS("under", BL_LX_APPROX | BL_LX_FUNC, 0),
    CLS("more", BL_LX_APPROX, 0), CLS("less", BL_LX_APPROX, 0), CLS("fewer", BL_LX_APPROX, 0),
    CLS("at", BL_LX_APPROX | BL_LX_FUNC, 0), CLS("up", BL_LX_APPROX, 0), CLS("close", BL_LX_APPROX, 0),
    CLS("as", BL_LX_APPROX | BL_LX_FUNC, 0), CLS("just", BL_LX_APPROX, 0), CLS("estimated", BL_LX_APPROX, 0),
    CLS("upwards", BL_LX_APPROX, 0), CLS("circa", BL_LX_APPROX, 0), CLS("well", BL_LX_APPROX, 0),
    /* currency names after a number */
    CCY("dollar", "USD"), CCY("dollars", "USD"), CCY("cent", "USD"), CCY("cents", "USD"), CCY("euro", "EUR"),
    CCY("euros", "EUR"), CCY("pound", "GBP"), CCY("pounds", "GBP"), CCY("sterling", "GBP"), CCY("pence", "GBP"),
    CCY("yen", "JPY"), CCY("yuan", "CNY"), CCY("renminbi", "CNY"), CCY("rupee", "INR"), CCY("rupees", "INR"),
    CCY("ruble", "RUB"), CCY("rubles", "RUB"), CCY("rouble", "RUB"), CCY("roubles", "RUB"), CCY("won", "KRW"),
    CCY("franc", "CHF"), CCY("francs", "CHF"), CCY("peso", ""), CCY("pesos", ""), CCY("rupiah", "IDR"),
    CCY("ringgit", "MYR"), CCY("baht", "THB"), CCY("naira", "NGN"), CCY("rand", "ZAR"), CCY("shekel", "ILS"),
    CCY("shekels", "ILS"), CCY("lira", "TRY"), CCY("liras", "TRY"), CCY("riyal", "SAR"), CCY("riyals", "SAR"),
    CCY("dirham", "AED"), CCY("dirhams", "AED"), CCY("dinar", ""), CCY("dinars", ""), CCY("hryvnia", "UAH"),
    CCY("hryvnias", "UAH"), CCY("zloty", "PLN"), CCY("zlotys", "PLN"), CCY("forint", "HUF"),
    CCY("forints", "HUF"), CCY("koruna", "CZK"), CCY("korunas", "CZK"), CCY("krona", "SEK"),
    CCY("kronor", "SEK"), CCY("krone", ""), CCY("kroner", ""), CCY("reais", "BRL"), CCY("rial", "IRR"),
    CCY("rials", "IRR"), CCY("shilling", ""), CCY("shillings", ""), CCY("cedi", "GHS"), CCY("cedis", "GHS"),
    CCY("dong", "VND"), CCY("kwacha", ""), CCY("taka", "BDT"),
    /* nationalities before "dollars", "pesos", ... */
    CCYADJ("u.s.", "USD"), CCYADJ("us", "USD"), CCYADJ("american", "USD"), CCYADJ("canadian", "CAD"),
    CCYADJ("australian", "AUD"), CCYADJ("zealand", "NZD"), CCYADJ("kong", "HKD"), CCYADJ("singapore", "SGD"),
    CCYADJ("singaporean", "SGD"), CCYADJ("taiwan", "TWD"), CCYADJ("taiwanese", "TWD"),
    CCYADJ("zimbabwean", "ZWL"), CCYADJ("jamaican", "JMD"), CCYADJ("mexican", "MXN"),
    CCYADJ("philippine", "PHP"), CCYADJ("argentine", "ARS"), CCYADJ("argentinian", "ARS"),
    CCYADJ("chilean", "CLP"), CCYADJ("colombian", "COP"), CCYADJ("cuban", "CUP"), CCYADJ("swiss", "CHF"),
    CCYADJ("egyptian", "EGP"), CCYADJ("lebanese", "LBP"), CCYADJ("syrian", "SYP"), CCYADJ("pakistani", "PKR"),
    CCYADJ("indian", "INR"), CCYADJ("lankan", "LKR"), CCYADJ("nepalese", "NPR"), CCYADJ("danish", "DKK"),
    CCYADJ("norwegian", "NOK"), CCYADJ("swedish", "SEK"), CCYADJ("iraqi", "IQD"), CCYADJ("jordanian", "JOD"),
    CCYADJ("kuwaiti", "KWD"), CCYADJ("bahraini", "BHD"), CCYADJ("tunisian", "TND"), CCYADJ("libyan", "LYD"),
    CCYADJ("algerian", "DZD"), CCYADJ("serbian", "RSD"), CCYADJ("saudi", "SAR"), CCYADJ("qatari", "QAR"),
    CCYADJ("omani", "OMR"), CCYADJ("iranian", "IRR"), CCYADJ("moroccan", "MAD"), CCYADJ("brazilian", "BRL"),
    CCYADJ("russian", "RUB"), CCYADJ("chinese", "CNY"), CCYADJ("japanese", "JPY"), CCYADJ("korean", "KRW"),
    CCYADJ("turkish", "TRY"), CCYADJ("israeli", "ILS"), CCYADJ("nigerian", "NGN"), CCYADJ("kenyan", "KES"),
    CCYADJ("ugandan", "UGX"), CCYADJ("tanzanian", "TZS"), CCYADJ("african", "ZAR"), CCYADJ("zambian", "ZMW"),
    CCYADJ("malawian", "MWK"), CCYADJ("somali", "SOS"), CCYADJ("sudanese", "SDG"),
    /* ISO 4217 codes written before or after a number (the recognizer requires capitals) */
    CODE("usd", "USD"), CODE("eur", "EUR"), CODE("gbp", "GBP"), CODE("jpy", "JPY"), CODE("cny", "CNY"),
    CODE("rmb", "CNY"), CODE("inr", "INR"), CODE("cad", "CAD"), CODE("aud", "AUD"), CODE("nzd", "NZD"),
    CODE("hkd", "HKD"), CODE("sgd", "SGD"), CODE("chf", "CHF"), CODE("sek", "SEK"), CODE("nok", "NOK"),
    CODE("dkk", "DKK"), CODE("rub", "RUB"), CODE("brl", "BRL"), CODE("mxn", "MXN"), CODE("zar", "ZAR"),
    CODE("krw", "KRW"), CODE("try", "TRY"), CODE("ils", "ILS"), CODE("sar", "SAR"), CODE("aed", "AED"),
    CODE("qar", "QAR"), CODE("kwd", "KWD"), CODE("egp", "EGP"), CODE("ngn", "NGN"), CODE("kes", "KES"),
    CODE("pkr", "PKR"), CODE("idr", "IDR"), CODE("myr", "MYR"), CODE("thb", "THB"), CODE("vnd", "VND"),
    CODE("twd", "TWD"), CODE("pln", "PLN"), CODE("czk", "CZK"), CODE("huf", "HUF"), CODE("uah", "UAH"),
    CODE("ars", "ARS"), CODE("clp", "CLP"), CODE("cop", "COP"), CODE("bdt", "BDT"), CODE("rs", "INR"),
    /* percent */
    CLS("percent", BL_LX_PERCENT | BL_LX_FUNC, 0), CLS("pct", BL_LX_PERCENT, 0),
    CLS("percentage", BL_LX_PERCENT, 1), CLS("per", BL_LX_PERCENT | BL_LX_FUNC, 2),
    /* the present and the past, as TimeML annotates them */
    CLS("now", BL_LX_REF, BL_RF_NOW), CLS("currently", BL_LX_REF, BL_RF_CURRENTLY),
    CLS("recently", BL_LX_REF, BL_RF_RECENTLY), CLS("nowadays", BL_LX_REF, BL_RF_NOWADAYS),
    CLS("recent", BL_LX_REF, BL_RF_RECENT),
    /* vague counts */
    CLS("few", BL_LX_VAGUE, 0), CLS("several", BL_LX_VAGUE, 0), CLS("many", BL_LX_VAGUE, 0),
    CLS("couple", BL_LX_VAGUE, 0),
    /* tense cues */
    CLS("will", BL_LX_FUTURE | BL_LX_FUNC, 0), CLS("shall", BL_LX_FUTURE, 0), CLS("scheduled", BL_LX_FUTURE, 0),
    CLS("expected", BL_LX_FUTURE, 0), CLS("plans", BL_LX_FUTURE, 0), CLS("plan", BL_LX_FUTURE, 0),
    CLS("due", BL_LX_FUTURE, 0), CLS("going", BL_LX_FUTURE, 0), CLS("set", BL_LX_FUTURE, 0),
    CLS("said", BL_LX_PAST, 0), CLS("was", BL_LX_PAST | BL_LX_FUNC, 0), CLS("were", BL_LX_PAST | BL_LX_FUNC, 0),
    CLS("had", BL_LX_PAST | BL_LX_FUNC, 0), CLS("did", BL_LX_PAST, 0), CLS("told", BL_LX_PAST, 0),
    CLS("ago", BL_LX_PAST, 0),
    /* time zones */
    CLS("gmt", BL_LX_ZONE, 0), CLS("utc", BL_LX_ZONE, 0), CLS("est", BL_LX_ZONE, 0), CLS("edt", BL_LX_ZONE, 0),
    CLS("et", BL_LX_ZONE, 0), CLS("pst", BL_LX_ZONE, 0), CLS("pdt", BL_LX_ZONE, 0), CLS("pt", BL_LX_ZONE, 0),
    CLS("cst", BL_LX_ZONE, 0), CLS("cdt", BL_LX_ZONE, 0), CLS("ct", BL_LX_ZONE | BL_LX_STREET, 0),
    CLS("mst", BL_LX_ZONE, 0), CLS("mdt", BL_LX_ZONE, 0), CLS("bst", BL_LX_ZONE, 0), CLS("cet", BL_LX_ZONE, 0),
    CLS("cest", BL_LX_ZONE, 0), CLS("jst", BL_LX_ZONE, 0),
    /* street suffixes */
    CLS("street", BL_LX_STREET, 0), CLS("st", BL_LX_STREET, 0), CLS("avenue", BL_LX_STREET, 0),
    CLS("ave", BL_LX_STREET, 0), CLS("road", BL_LX_STREET, 0), CLS("rd", BL_LX_STREET, 0),
    CLS("boulevard", BL_LX_STREET, 0), CLS("blvd", BL_LX_STREET, 0), CLS("lane", BL_LX_STREET, 0),
    CLS("drive", BL_LX_STREET, 0), CLS("way", BL_LX_STREET, 0), CLS("place", BL_LX_STREET, 0),
    CLS("court", BL_LX_STREET, 0), CLS("square", BL_LX_STREET, 0), CLS("terrace", BL_LX_STREET, 0),
    CLS("highway", BL_LX_STREET, 0), CLS("parkway", BL_LX_STREET, 0), CLS("plaza", BL_LX_STREET, 0),
    CLS("circle", BL_LX_STREET, 0), CLS("row", BL_LX_STREET, 0),
    /* singular units of measure and irregular plurals that a count may have */
    CLS("km", BL_LX_MEASURE, 0), CLS("kg", BL_LX_MEASURE, 0), CLS("mph", BL_LX_MEASURE, 0),
    CLS("kph", BL_LX_MEASURE, 0), CLS("mm", BL_LX_MEASURE, 0), CLS("cm", BL_LX_MEASURE, 0),
    CLS("ft", BL_LX_MEASURE, 0), CLS("lb", BL_LX_MEASURE, 0), CLS("lbs", BL_LX_MEASURE, 0),
    CLS("oz", BL_LX_MEASURE, 0), CLS("mw", BL_LX_MEASURE, 0), CLS("gw", BL_LX_MEASURE, 0),
    CLS("kw", BL_LX_MEASURE, 0), CLS("kwh", BL_LX_MEASURE, 0), CLS("gb", BL_LX_MEASURE, 0),
    CLS("tb", BL_LX_MEASURE, 0), CLS("ha", BL_LX_MEASURE, 0), CLS("mile", BL_LX_MEASURE, 0),
    CLS("kilometer", BL_LX_MEASURE, 0), CLS("kilometre", BL_LX_MEASURE, 0), CLS("meter", BL_LX_MEASURE, 0),
    CLS("metre", BL_LX_MEASURE, 0), CLS("foot", BL_LX_MEASURE, 0), CLS("inch", BL_LX_MEASURE, 0),
    CLS("ton", BL_LX_MEASURE, 0), CLS("tonne", BL_LX_MEASURE, 0), CLS("acre", BL_LX_MEASURE, 0),
    CLS("hectare", BL_LX_MEASURE, 0), CLS("gallon", BL_LX_MEASURE, 0), CLS("liter", BL_LX_MEASURE, 0),
    CLS("litre", BL_LX_MEASURE, 0), CLS("barrel", BL_LX_MEASURE, 0), CLS("degree", BL_LX_MEASURE, 0),
    CLS("people", BL_LX_MEASURE, 0), CLS("children", BL_LX_MEASURE, 0), CLS("men", BL_LX_MEASURE, 0),
    CLS("women", BL_LX_MEASURE, 0), CLS("aircraft", BL_LX_MEASURE, 0), CLS("personnel", BL_LX_MEASURE, 0),
    CLS("staff", BL_LX_MEASURE, 0), CLS("police", BL_LX_MEASURE, 0), CLS("cattle", BL_LX_MEASURE, 0),
    CLS("feet", BL_LX_MEASURE, 0), CLS("sheep", BL_LX_MEASURE, 0), CLS("livestock", BL_LX_MEASURE, 0),
    CLS("civilians", BL_LX_MEASURE, 0),
    /* holidays */
    CLS("christmas", BL_LX_HOLIDAY, BL_HD_CHRISTMAS), CLS("thanksgiving", BL_LX_HOLIDAY, BL_HD_THANKSGIVING),
    CLS("easter", BL_LX_HOLIDAY, BL_HD_EASTER), CLS("halloween", BL_LX_HOLIDAY, BL_HD_HALLOWEEN),
    CLS("ramadan", BL_LX_HOLIDAY, BL_HD_RAMADAN),
    /* function words that never name what a number counts */
    CLS("of", BL_LX_FUNC, 0), CLS("to", BL_LX_FUNC, 0), CLS("and", BL_LX_FUNC, 0), CLS("or", BL_LX_FUNC, 0),
    CLS("the", BL_LX_FUNC, 0), CLS("a", BL_LX_FUNC, 0), CLS("an", BL_LX_FUNC, 0), CLS("in", BL_LX_FUNC, 0),
    CLS("on", BL_LX_FUNC, 0), CLS("for", BL_LX_FUNC, 0), CLS("by", BL_LX_FUNC, 0), CLS("with", BL_LX_FUNC, 0),
    CLS("from", BL_LX_FUNC, 0), CLS("is", BL_LX_FUNC, 0), CLS("are", BL_LX_FUNC, 0), CLS("be", BL_LX_FUNC, 0),
    CLS("been", BL_LX_FUNC, 0), CLS("has", BL_LX_FUNC, 0), CLS("have", BL_LX_FUNC, 0),
    CLS("would", BL_LX_FUNC, 0), CLS("who", BL_LX_FUNC, 0), CLS("which", BL_LX_FUNC, 0),
    CLS("that", BL_LX_FUNC, 0), CLS("than", BL_LX_FUNC, 0), CLS("these", BL_LX_FUNC, 0),
    CLS("those", BL_LX_FUNC, 0), CLS("its", BL_LX_FUNC, 0), CLS("his", BL_LX_FUNC, 0), CLS("her", BL_LX_FUNC, 0),
    CLS("their", BL_LX_FUNC, 0), CLS("our", BL_LX_FUNC, 0), CLS("each", BL_LX_FUNC, 0),
    CLS("into", BL_LX_FUNC, 0), CLS("after", BL_LX_FUNC, 0), CLS("before", BL_LX_FUNC, 0),
    CLS("since", BL_LX_FUNC, 0), CLS("until", BL_LX_FUNC, 0), CLS("during", BL_LX_FUNC, 0),
    CLS("between", BL_LX_FUNC, 0), CLS("against", BL_LX_FUNC, 0), CLS("among", BL_LX_FUNC, 0),
    CLS("also", BL_LX_FUNC, 0), CLS("not", BL_LX_FUNC, 0), CLS("but", BL_LX_FUNC, 0),
    CLS("says", BL_LX_FUNC, 0), CLS("times", BL_LX_FUNC, 0), CLS("others", BL_LX_FUNC, 0),
    CLS("thus", BL_LX_FUNC, 0), CLS("plus", BL_LX_FUNC, 0), CLS("minus", BL_LX_FUNC, 0),
};

enum { BL_LEX__SLOTS = 2048, BL_LEX__MAXLEN = 15 };
enum { BL_LEX__COUNT = sizeof bl_lex__table / sizeof bl_lex__table[0] };

/* The index. A word is its key: its bytes, case-folded by OR-ing 0x20 into every byte (the
 * lexicon's words hold only letters, '.', '-' and digits, which that maps to themselves or to
 * lowercase), zero-padded into two 64-bit words, plus its length. A slot holds an entry index
 * + 1 (0 = empty); keys live in a parallel array, so a probe compares two integers and no
 * string. Everything fits in 10 KB and is built once per process. */
typedef struct {
  uint64_t k0, k1;
} BlLexKey;

static uint16_t bl_lex__index[BL_LEX__SLOTS];
static BlLexKey bl_lex__keys[BL_LEX__COUNT];
static BlLexSig bl_lex__sig; /* classes of the words by first letter and length */
static pthread_once_t bl_lex__once = PTHREAD_ONCE_INIT;
static atomic_bool bl_lex__ready; /* set (release) once the index is built */

/* The key of s[0, n) (n <= 15); false when a byte is not ASCII. Built in registers, byte by
 * byte: copying into a stack buffer and reloading it as words stalls on store forwarding. */
static inline bool bl_lex__key(const char *s, size_t n, BlLexKey *k)
{
  uint64_t x = 0, y = 0, hi = 0;
  size_t i = 0;
  for (; i < n && i < 8; i++) {
    uint64_t c = (unsigned char)s[i];
    hi |= c;
    x |= (c | 0x20) << (8 * i);
  }
  for (; i < n; i++) {
    uint64_t c = (unsigned char)s[i];
    hi |= c;
    y |= (c | 0x20) << (8 * (i - 8));
  }
  k->k0 = x;
  k->k1 = y;
  return (hi & 0x80) == 0;
}

static inline uint32_t bl_lex__slot(const BlLexKey *k)
{
  uint64_t h = (k->k0 * 0x9E3779B97F4A7C15ull) ^ (k->k1 * 0xC2B2AE3D27D4EB4Full);
  return (uint32_t)(h >> 53) & (BL_LEX__SLOTS - 1);
}

static void bl_lex__build(void)
{
  _Static_assert(BL_LEX__COUNT < BL_LEX__SLOTS / 3, "lexicon index too small");
  for (size_t i = 0; i < BL_LEX__COUNT; i++) {
    const char *w = bl_lex__table[i].word;
    size_t n = strlen(w);
    assert(n <= BL_LEX__MAXLEN);
    bool ok = bl_lex__key(w, n, &bl_lex__keys[i]);
    assert(ok);
    (void)ok;
    uint32_t h = bl_lex__slot(&bl_lex__keys[i]);
    bool dup = false;
    while (bl_lex__index[h]) {
      const BlLexKey *o = &bl_lex__keys[bl_lex__index[h] - 1];
      if (o->k0 == bl_lex__keys[i].k0 && o->k1 == bl_lex__keys[i].k1) {
        dup = true; /* a repeated word: the first entry wins (the table lists each word once) */
        break;
      }
      h = (h + 1) & (BL_LEX__SLOTS - 1);
    }
    if (!dup) bl_lex__index[h] = (uint16_t)(i + 1);
    /* its shape: after the trailing period that lookups strip ("u.s." is looked up as "u.s") */
    size_t m = w[n - 1] == '.' ? n - 1 : n;
    unsigned a = (unsigned char)w[0] - 'a', z = (unsigned char)w[m - 1] - 'a';
    assert(a < 26 && z < 26);
    uint32_t cls = bl_lex__table[i].cls;
    uint8_t g = BL_LXG_ANY;
    if (cls & BL_LX_TIME_CLASSES) g |= BL_LXG_TIME;
    if (cls & (BL_LX_NUM | BL_LX_APPROX)) g |= BL_LXG_QTY;
    if (cls & BL_LX_CODE) g |= BL_LXG_CODE;
    if (cls & BL_LX_NUM) g |= BL_LXG_NUM;
    if (cls & BL_LX_APPROX) g |= BL_LXG_APPROX;
    if (cls & BL_LX_SCALE) g |= BL_LXG_SCALE;
    if (cls & BL_LX_TIME_STARTS) g |= BL_LXG_TSTART;
    bl_lex__sig.groups[a][z][m] |= g;
  }
  atomic_store_explicit(&bl_lex__ready, true, memory_order_release);
}

const BlLexSig *bl_lex_signatures(void)
{
  if (!atomic_load_explicit(&bl_lex__ready, memory_order_acquire)) pthread_once(&bl_lex__once, bl_lex__build);
  return &bl_lex__sig;
}

const BlLex *bl_lex_lookup(const char *s, size_t n)
{
  if (n > 0 && s[n - 1] == '.') n--;
  if (n == 0 || n > BL_LEX__MAXLEN) return NULL;
  if (!atomic_load_explicit(&bl_lex__ready, memory_order_acquire)) pthread_once(&bl_lex__once, bl_lex__build);
  if (!bl_lex_sig_may_be(&bl_lex__sig, s, n, BL_LXG_ANY)) return NULL; /* no word of that shape */
  BlLexKey k;
  if (!bl_lex__key(s, n, &k)) return NULL;
  uint32_t h = bl_lex__slot(&k);
  for (uint16_t e; (e = bl_lex__index[h]) != 0; h = (h + 1) & (BL_LEX__SLOTS - 1)) {
    const BlLexKey *o = &bl_lex__keys[e - 1];
    if (o->k0 == k.k0 && o->k1 == k.k1) return &bl_lex__table[e - 1];
  }
  return NULL;
}

const BlLex *bl_lex_token(const char *text, const BlToken *t)
{
  if (t->kind != BL_TOK_WORD) return NULL;
  return bl_lex_lookup(text + t->start, t->end - t->start);
}

/* ---------------------------------------------------------------- numerals */

static bool bl_num__digit(char c)
{
  return c >= '0' && c <= '9';
}

static bool bl_num__alpha(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool bl_num__suffix_is(const char *s, size_t n, const char *lit)
{
  return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

bool bl_numeral_parse(const char *s, size_t n, BlNumeral *out)
{
  memset(out, 0, sizeof *out);
  out->scale = 1;
  char buf[64];
  size_t b = 0, p = 0;
  size_t digits = 0;
  while (p < n && bl_num__digit(s[p])) {
    if (b >= sizeof buf - 2) return false;
    buf[b++] = s[p++];
    digits++;
  }
  /* thousands groups: 1-3 digits first, then ",ddd" groups */
  if (p < n && s[p] == ',') {
    if (digits == 0 || digits > 3) return false;
    while (p < n && s[p] == ',') {
      if (p + 4 > n) return false;
      if (!bl_num__digit(s[p + 1]) || !bl_num__digit(s[p + 2]) || !bl_num__digit(s[p + 3])) return false;
      if (p + 4 < n && bl_num__digit(s[p + 4])) return false; /* "4,0000" */
      if (b >= sizeof buf - 4) return false;
      memcpy(buf + b, s + p + 1, 3);
      b += 3;
      digits += 3;
      p += 4;
    }
    out->grouped = true;
  }
  if (p < n && s[p] == '.') {
    if (p + 1 >= n || !bl_num__digit(s[p + 1])) return false;
    buf[b++] = '.';
    p++;
    while (p < n && bl_num__digit(s[p])) {
      if (b >= sizeof buf - 2) return false;
      buf[b++] = s[p++];
    }
    out->decimal = true;
  }
  if (b == 0 || (b == 1 && buf[0] == '.')) return false;
  buf[b] = '\0';
  size_t suf = p;
  while (p < n && bl_num__alpha(s[p])) p++;
  if (p != n) return false; /* a hyphen, slash, colon or second period: not a plain numeral */
  out->digits = (uint8_t)(digits > 255 ? 255 : digits);
  /* up to 15 significant digits: one exact integer divided by an exact power of ten, which
   * rounds correctly; longer numerals go through strtod */
  static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  if (b - (out->decimal ? 1 : 0) <= 15) {
    uint64_t mant = 0;
    int frac = -1;
    for (size_t k = 0; k < b; k++) {
      if (buf[k] == '.') {
        frac = 0;
        continue;
      }
      mant = mant * 10 + (uint64_t)(buf[k] - '0');
      if (frac >= 0) frac++;
    }
    out->value = (double)mant / pow10[frac > 0 ? frac : 0];
  } else {
    out->value = strtod(buf, NULL);
  }
  const char *x = s + suf;
  size_t xl = n - suf;
  if (xl == 0) {
    out->plain = !out->grouped && !out->decimal;
    return true;
  }
  char low[8];
  if (xl < sizeof low) {
    for (size_t i = 0; i < xl; i++) low[i] = (char)(x[i] >= 'A' && x[i] <= 'Z' ? x[i] + 32 : x[i]);
    if (bl_num__suffix_is(low, xl, "k")) out->scale = 1e3;
    else if (bl_num__suffix_is(low, xl, "m") || bl_num__suffix_is(low, xl, "mn") || bl_num__suffix_is(low, xl, "mln"))
      out->scale = 1e6;
    else if (bl_num__suffix_is(low, xl, "bn") || bl_num__suffix_is(low, xl, "b") || bl_num__suffix_is(low, xl, "bln"))
      out->scale = 1e9;
    else if (bl_num__suffix_is(low, xl, "tn") || bl_num__suffix_is(low, xl, "trn")) out->scale = 1e12;
    else if (!out->decimal && (bl_num__suffix_is(low, xl, "st") || bl_num__suffix_is(low, xl, "nd") ||
                               bl_num__suffix_is(low, xl, "rd") || bl_num__suffix_is(low, xl, "th")))
      out->ordinal = true;
    else if (!out->decimal && !out->grouped && bl_num__suffix_is(low, xl, "s")) out->plural = true;
  }
  if (out->scale != 1) {
    out->value *= out->scale;
  } else if (!out->ordinal && !out->plural) {
    out->suffix = x;
    out->suffix_len = xl;
  }
  return true;
}

/* ---------------------------------------------------------------- number words */

bool bl_number_word(const char *s, size_t n, double *value)
{
  const BlLex *lx = bl_lex_lookup(s, n);
  if (lx && (lx->cls & BL_LX_NUM)) {
    *value = lx->value;
    return true;
  }
  const char *h = memchr(s, '-', n);
  if (!h) return false;
  size_t a = (size_t)(h - s);
  const BlLex *tens = bl_lex_lookup(s, a);
  const BlLex *unit = bl_lex_lookup(h + 1, n - a - 1);
  if (!tens || !unit || !(tens->cls & BL_LX_NUM) || !(unit->cls & BL_LX_NUM)) return false;
  if (tens->value < 20 || (int)tens->value % 10 != 0 || unit->value < 1 || unit->value > 9) return false;
  *value = tens->value + unit->value;
  return true;
}

/* A simple fraction token "1/2", "7/8" (numerator < denominator <= 100). */
static bool bl_num__fraction(const char *s, size_t n, double *value)
{
  const char *slash = memchr(s, '/', n);
  if (!slash || slash == s || slash == s + n - 1) return false;
  double a = 0, b = 0;
  for (const char *p = s; p < slash; p++) {
    if (!bl_num__digit(*p)) return false;
    a = a * 10 + (*p - '0');
  }
  for (const char *p = slash + 1; p < s + n; p++) {
    if (!bl_num__digit(*p)) return false;
    b = b * 10 + (*p - '0');
  }
  if (b == 0 || a >= b || b > 100) return false;
  *value = a / b;
  return true;
}

/* "5-7": two plain numerals joined by a hyphen; the low end goes to *lo. */
static bool bl_num__range(const char *s, size_t n, BlNumeral *lo)
{
  const char *h = memchr(s, '-', n);
  if (!h || h == s) return false;
  BlNumeral hi;
  if (!bl_numeral_parse(s, (size_t)(h - s), lo) || !bl_numeral_parse(h + 1, n - (size_t)(h - s) - 1, &hi)) return false;
  if (lo->ordinal || lo->plural || lo->suffix || hi.ordinal || hi.plural) return false;
  if (hi.value <= lo->value) return false;
  if (hi.scale != 1) lo->value *= hi.scale; /* "5-7bn" */
  return true;
}

bool bl_number_phrase(const char *text, const BlToken *toks, size_t i, size_t end, BlNumberPhrase *out)
{
  memset(out, 0, sizeof *out);
  if (i >= end) return false;
  const BlToken *t = &toks[i];
  size_t j = i;
  if (t->kind == BL_TOK_NUMBER) {
    const char *s = text + t->start;
    size_t n = t->end - t->start;
    if (!bl_numeral_parse(s, n, &out->first)) {
      if (!bl_num__range(s, n, &out->first)) return false;
      out->flags |= BL_NP_RANGE;
    }
    if (out->first.ordinal || out->first.plural) return false;
    out->has_numeral = true;
    out->value = out->first.value;
    if (out->first.scale != 1) out->flags |= BL_NP_SCALED;
    j++;
    if (out->first.suffix) {
      out->end = j;
      return true;
    }
    double frac;
    if (j < end && toks[j].kind == BL_TOK_NUMBER && out->first.plain && !(out->flags & BL_NP_RANGE) &&
        bl_num__fraction(text + toks[j].start, toks[j].end - toks[j].start, &frac)) {
      out->value += frac;
      out->flags |= BL_NP_FRACTION;
      j++;
    }
    while (j < end && toks[j].kind == BL_TOK_WORD) {
      const BlLex *lx = bl_lex_token(text, &toks[j]);
      if (!lx || !(lx->cls & BL_LX_SCALE)) break;
      out->value *= lx->value;
      out->flags |= BL_NP_SCALED;
      j++;
    }
    out->end = j;
    return true;
  }
  if (t->kind != BL_TOK_WORD) return false;
  /* "a"/"an" + scale: "a dozen", "a million" */
  if (bl_tok_ieq(text, t, "a") || bl_tok_ieq(text, t, "an")) {
    if (j + 1 >= end) return false;
    const BlLex *lx = bl_lex_token(text, &toks[j + 1]);
    if (!lx || !(lx->cls & BL_LX_SCALE) || toks[j + 1].end - toks[j + 1].start < 4) return false;
    out->value = lx->value;
    out->flags = BL_NP_WORDS | BL_NP_ARTICLE | BL_NP_SCALED;
    j += 2;
    while (j < end) { /* "a hundred thousand" */
      const BlLex *nx = bl_lex_token(text, &toks[j]);
      if (!nx || !(nx->cls & BL_LX_SCALE) || nx->value <= 12) break;
      out->value *= nx->value;
      j++;
    }
    out->end = j;
    return true;
  }
  double total = 0, cur = 0;
  bool any = false, last_unit = false, last_tens = false;
  while (j < end && toks[j].kind == BL_TOK_WORD) {
    const BlToken *w = &toks[j];
    double v;
    if (bl_number_word(text + w->start, w->end - w->start, &v)) {
      bool compound = v > 20 && (int)v % 10 != 0;
      if (v < 10 && last_tens) { /* "twenty five" */
        cur += v;
        last_tens = false;
        last_unit = true;
      } else if (last_unit || last_tens) {
        break; /* "nineteen seventy": not one number */
      } else {
        cur += v;
        last_tens = !compound && v >= 20;
        last_unit = !last_tens;
      }
      any = true;
      j++;
      continue;
    }
    const BlLex *lx = bl_lex_token(text, w);
    if (any && lx && (lx->cls & BL_LX_SCALE) && w->end - w->start > 3) {
      if (lx->value == 100) cur = (cur ? cur : 1) * 100;
      else if (lx->value == 12) cur *= 12;
      else {
        total += (cur ? cur : 1) * lx->value;
        cur = 0;
      }
      out->flags |= BL_NP_SCALED;
      last_unit = last_tens = false;
      j++;
      continue;
    }
    if (any && !last_unit && !last_tens && bl_tok_ieq(text, w, "and") && j + 1 < end) {
      double nv;
      if (bl_number_word(text + toks[j + 1].start, toks[j + 1].end - toks[j + 1].start, &nv) && nv < 100) {
        j++; /* "two hundred and thirty" */
        continue;
      }
    }
    break;
  }
  if (!any) return false;
  out->value = total + cur;
  out->flags |= BL_NP_WORDS;
  out->end = j;
  return true;
}
