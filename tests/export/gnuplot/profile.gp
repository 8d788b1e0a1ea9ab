# profile.gp: a spider chart of the top models across the benchmarks.
# Written by 'leaderboard plot'. Render it with
#     gnuplot path/to/profile.gp
# from any directory: it reads profile.dat and writes profile.png next to itself
# (ARG0 is this script's path). Labels are single-quoted literals.
i = strlen(ARG0)
while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
dir = ARG0[1:i]
data = dir.'profile.dat'
set terminal pngcairo noenhanced size 1000,700 font 'Sans,10'
set output dir.'profile.png'
set datafile separator tab
set linetype 1 lc rgb '#4e79a7' lw 1.5 pt 7 ps 0.8
set linetype 2 lc rgb '#f28e2b' lw 1.5 pt 7 ps 0.8
set linetype 3 lc rgb '#e15759' lw 1.5 pt 7 ps 0.8
set linetype 4 lc rgb '#76b7b2' lw 1.5 pt 7 ps 0.8
set linetype 5 lc rgb '#59a14f' lw 1.5 pt 7 ps 0.8
set linetype 6 lc rgb '#edc948' lw 1.5 pt 7 ps 0.8
set linetype 7 lc rgb '#b07aa1' lw 1.5 pt 7 ps 0.8
set linetype 8 lc rgb '#ff9da7' lw 1.5 pt 7 ps 0.8
set linetype 9 lc rgb '#9c755f' lw 1.5 pt 7 ps 0.8
set linetype 10 lc rgb '#bab0ac' lw 1.5 pt 7 ps 0.8
set linetype cycle 10
set title 'Benchmark profile'."\n".'all 4 ranked models (1 of 5 not ranked)'."\n".'in rank order by the average of 3 benchmarks'."\n".'centre 0, rim 100' font ',12'
set spiderplot
set style spiderplot fillstyle transparent solid 0.05 border lw 1.5 pointtype 7 pointsize 0.8
set for [p=1:3] paxis p range [0:100]
set paxis 1 tics font ',8'
set for [p=2:3] paxis p tics format ''
set label 1 'alpha' at first 0.0000, first 1.0700 center font ',11' front
set label 2 'beta' at first 0.9266, first -0.5350 left font ',11' front
set label 3 'gamma' at first -0.9266, first -0.5350 right font ',11' front
set grid spiderplot
set tmargin 8
set bmargin 4
set lmargin at screen 0.0696
set rmargin at screen 0.7208
set key outside right center vertical Left reverse spacing 1.4
set title offset 0,2.2
plot for [c=5:7] data using c notitle, \
     keyentry with spiderplot lt 1 title '1. org/big-70b', \
     keyentry with spiderplot lt 2 title '2. O''Brien/mid-7b', \
     keyentry with spiderplot lt 3 title '2. org/tied-13b', \
     keyentry with spiderplot lt 4 title '4. org/small-1b'
