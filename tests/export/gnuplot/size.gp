# size.gp: the ranking's value against the parameter count.
# Written by 'leaderboard plot'. Render it with
#     gnuplot path/to/size.gp
# from any directory: it reads size.dat and writes size.png next to itself
# (ARG0 is this script's path). Labels are single-quoted literals.
i = strlen(ARG0)
while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
dir = ARG0[1:i]
data = dir.'size.dat'
set terminal pngcairo noenhanced size 1000,640 font 'Sans,10'
set output dir.'size.png'
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
set title 'Average of 3 benchmarks against params_b'."\n".'4 ranked models with a params_b value, the top 4 labelled; ringed: no smaller model ranks higher' font ',12'
set lmargin at screen 0.08
set rmargin at screen 0.97
set bmargin at screen 0.10
set tmargin at screen 0.86
set logscale x 10
set xrange [0.6875:154]
set yrange [45:80]
set ytics 45,5,80
set xtics (1, 2, 5, 10, 20, 50, 100)
set grid xtics ytics
unset key
set xlabel 'params_b (log scale)'
set ylabel 'average score'
set label 1 'org/big-70b' at first 70, first 78.583333 left offset screen 0.0110, screen 0.0000 front
set label 2 'O''Brien/mid-7b' at first 7, first 62.5 right offset screen -0.0110, screen 0.0000 front
set label 3 'org/tied-13b' at first 13, first 62.5 left offset screen 0.0110, screen 0.0000 front
set label 4 'org/small-1b' at first 1.1, first 50.583333 left offset screen 0.0110, screen 0.0000 front
plot data using 3:($5 > 0 ? NaN : $4) with points pt 7 ps 0.9 lc rgb '#4e79a7', \
     data using 3:($5 > 0 ? $4 : NaN) with points pt 7 ps 1.2 lc rgb '#f28e2b', \
     data using 3:($6 > 0 ? $4 : NaN) with points pt 6 ps 2.2 lw 1.2 lc rgb '#333333'
