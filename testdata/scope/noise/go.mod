module example.com/noise

go 1.22
