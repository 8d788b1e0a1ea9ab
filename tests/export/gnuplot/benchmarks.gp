# benchmarks.gp: the scores of each model, a bar per benchmark.
# Written by 'leaderboard plot'. Render it with
#     gnuplot path/to/benchmarks.gp
# from any directory: it reads benchmarks.dat and writes benchmarks.png next to itself
# (ARG0 is this script's path). Labels are single-quoted literals.
i = strlen(ARG0)
while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
dir = ARG0[1:i]
data = dir.'benchmarks.dat'
set terminal pngcairo noenhanced size 1000,600 font 'Sans,10'
set output dir.'benchmarks.png'
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
set title 'Scores by benchmark'."\n".'all 4 ranked models (1 of 5 not ranked)'."\n".'in rank order by the average of 3 benchmarks' font ',12'
set rmargin at screen 0.8840
set style fill solid 0.85 border -1
set boxwidth 0.225 absolute
set yrange [0:100]
set ytics 0,20,100
set xrange [-0.6:3.6]
set ylabel 'score'
set grid ytics
set key outside right top vertical noreverse
set xtics nomirror rotate by -30 left scale 0
set xtics ('org/big-70b' 0)
set xtics add ('O''Brien/mid-7b' 1)
set xtics add ('org/tied-13b' 2)
set xtics add ('org/small-1b' 3)
plot \
    data using ($1 - 0.25):5 with boxes lt 1 title 'alpha', \
    data using ($1 + 0):6 with boxes lt 2 title 'beta', \
    data using ($1 + 0.25):7 with boxes lt 3 title 'gamma'
