/* gnuplot.h: running gnuplot, without a shell.
 *
 * gnuplot is started with posix_spawnp and an argument vector, never
 * through a shell, and success means exit status 0 and an image that is
 * not empty and starts like a PNG (or an SVG). */
#ifndef LB_EXPORT_GNUPLOT_H
#define LB_EXPORT_GNUPLOT_H

#include "base/error.h"
#include "export/chart.h"

enum lb_gnuplot_status {
    LB_GNUPLOT_OK,      /* the image was made */
    LB_GNUPLOT_MISSING, /* gnuplot could not be started (not in PATH) */
    LB_GNUPLOT_FAILED   /* it ran, but failed or made no valid image */
};

/* Runs 'gnuplot SCRIPT' (standard input from /dev/null, its output to
 * standard error) and waits for it. 'script' must start with "/" or "./"
 * (gnuplot has no "--" and would take a leading "-" for an option).
 * 'image' is the file the script writes: it is removed first, so that an
 * old image cannot pass for a new one, and afterwards it must exist and
 * look like a t image. Returns LB_GNUPLOT_OK, or another status with a
 * message in err. */
enum lb_gnuplot_status lb_gnuplot_run(const char *script, const char *image,
                                      enum lb_terminal t,
                                      struct lb_error *err);

/* Runs 'gnuplot /dev/fd/3' on the script in file descriptor script_fd
 * (read from its start), with standard output to out_fd (an empty file),
 * and waits for it; the image is what it wrote there, which must
 * look like a t image. Returns as lb_gnuplot_run. */
enum lb_gnuplot_status lb_gnuplot_pipe(int script_fd, int out_fd,
                                       enum lb_terminal t,
                                       struct lb_error *err);

#endif
