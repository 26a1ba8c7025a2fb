/*
 * dates.c - calendar arithmetic: days from and to the civil date (the
 * proleptic Gregorian calendar), day of the week, leap years, ISO day of
 * year, Easter Sunday (the anonymous Gregorian algorithm), and a printed
 * month calendar.
 */
#include <stdio.h>

static const char *const wday[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const month[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int mdays(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return d[m - 1] + (m == 2 && leap(y));
}

/* Days since 1970-01-01 (negative before) */
static long long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (long long)era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = (int)(z - era * 146097);
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400) + (*m <= 2);
}

/* 0 = Monday */
static int weekday(long long days)
{
	return (int)((days % 7 + 7 + 3) % 7);
}

static void easter(int y, int *m, int *d)
{
	int a = y % 19, b = y / 100, c = y % 100, d0 = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d0 - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int mm = (a + 11 * h + 22 * l) / 451;
	*m = (h + l - 7 * mm + 114) / 31;
	*d = (h + l - 7 * mm + 114) % 31 + 1;
}

int main(void)
{
	static const int dates[][3] = {
		{ 1970, 1, 1 }, { 2000, 2, 29 }, { 1969, 7, 20 }, { 1964, 4, 7 },
		{ 1972, 8, 2 }, { 1582, 10, 15 }, { 2038, 1, 19 }, { 1, 1, 1 },
		{ 9999, 12, 31 }, { 1900, 3, 1 },
	};
	int fail = 0;

	for (unsigned i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		int y = dates[i][0], m = dates[i][1], d = dates[i][2], y2, m2, d2;
		long long z = days_from_civil(y, m, d);
		civil_from_days(z, &y2, &m2, &d2);
		printf("%04d-%02d-%02d  day %8lld  %s  %s\n", y, m, d, z,
		       wday[weekday(z)], leap(y) ? "leap" : "");
		fail |= y != y2 || m != m2 || d != d2;
	}
	/* every day from 1996 to 2020 round-trips and follows the previous */
	long long z0 = days_from_civil(1996, 1, 1);
	int y = 1996, m = 1, d = 1, count = 0;
	for (long long z = z0; y < 2021; z++, count++) {
		int y2, m2, d2;
		civil_from_days(z, &y2, &m2, &d2);
		if (y2 != y || m2 != m || d2 != d)
			fail = 1;
		if (++d > mdays(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	printf("checked %d consecutive days\n", count);
	printf("easter:");
	for (int yy = 2000; yy <= 2030; yy += 3) {
		int em, ed;
		easter(yy, &em, &ed);
		printf(" %d-%02d-%02d", yy, em, ed);
	}
	printf("\n");
	int em, ed;
	easter(2024, &em, &ed);
	fail |= em != 3 || ed != 31;

	printf("\n   %s 2000\n", month[1]);
	printf(" Mo Tu We Th Fr Sa Su\n");
	int first = weekday(days_from_civil(2000, 2, 1));
	for (int i = 0; i < first; i++)
		printf("   ");
	for (int dd = 1; dd <= mdays(2000, 2); dd++)
		printf("%3d%s", dd, (first + dd) % 7 == 0 ? "\n" : "");
	printf("\n");
	printf("days between 1969-07-20 and 2000-01-01: %lld\n",
	       days_from_civil(2000, 1, 1) - days_from_civil(1969, 7, 20));
	int fri13 = 0;
	for (int yy = 2000; yy < 2030; yy++)
		for (int mm = 1; mm <= 12; mm++)
			fri13 += weekday(days_from_civil(yy, mm, 13)) == 4;
	printf("Friday the 13ths 2000-2029: %d\n", fri13);
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
