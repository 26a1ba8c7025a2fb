/*
 * main.c - the cpcms executable: one program, several subcommands.  Each
 * subcommand lives in a file of its own (cmd_*.c) and is listed once here.
 */
#include <stdio.h>
#include <string.h>

#include "host.h"

static const struct subcommand {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} subcommands[] = {
    {"run", cmd_run, "start the default system (what `cpcms` alone does), or --config FILE's"},
    {"machine", cmd_machine, "run a stand-alone S/370 program in batch mode"},
    {"dasd", cmd_dasd, "DASD volume files: create, info, check, set, import, export, copy"},
    {"sysgen", cmd_sysgen, "build the system residence volume that CP is IPLed from"},
    {"directory", cmd_directory, "the user directory: list users, change a password"},
    {"spool", cmd_spool, "unit record queues: queue decks, list, get and purge output"},
    {"cmsfs", cmd_cmsfs, "files on CMS minidisks: format, ls, get, put, rm"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: cpcms SUBCOMMAND [OPTIONS]\n\nSubcommands:\n");
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        fprintf(out, "  %-10s %s\n", subcommands[i].name, subcommands[i].summary);
    fprintf(out, "\n'cpcms SUBCOMMAND --help' describes each.\n");
}

int main(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return 0;
    }
    if (argc < 2 || argv[1][0] == '-')     /* `cpcms [options]`: the default system */
        return cmd_run(argc, argv);
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        if (!strcmp(argv[1], subcommands[i].name))
            return subcommands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "cpcms: unknown subcommand '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
